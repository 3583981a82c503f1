// logs/log-entry.ts — the shape of one log line, shared by every source (HTTP, auth, PostgreSQL, realtime, studio).
// The wire shape lives in contract/studio-logs.ts (the renderer reads the same type); the server adds LogInput.
import type { LogEntry } from '../../../contract/studio-logs.js'

export type { LogCategory, LogEntry, LogLevel } from '../../../contract/studio-logs.js'

export type LogInput = Omit<LogEntry, 'id' | 'timestamp'> & { timestamp?: string }
