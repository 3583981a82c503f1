// logs/log-entry.ts — the shape of one log line, shared by every source (HTTP, auth, PostgreSQL, realtime, studio).
// Matches the contract's entry JSON (§7) with two local categories: `postgres` and `studio`.
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'
export type LogCategory = 'system' | 'http' | 'security' | 'execution' | 'postgres' | 'realtime' | 'studio' | 'custom'

export interface LogEntry {
  id: number
  timestamp: string
  category: LogCategory
  level: LogLevel
  message: string
  request_id?: string
  user_id?: string
  component?: string
  execution_id?: string
  fields?: Record<string, unknown>
}

export type LogInput = Omit<LogEntry, 'id' | 'timestamp'> & { timestamp?: string }
