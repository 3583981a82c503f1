// contract/studio-logs.ts — the wire shapes of the log viewer's endpoints (/studio/api/logs, /stats, /export and
// the SSE stream), as electron/server/logs/ writes them (contract §7 plus the local `postgres` and `studio`
// categories). Types only.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'
export type LogCategory = 'system' | 'http' | 'security' | 'execution' | 'postgres' | 'realtime' | 'studio' | 'custom'

export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal']
export const LOG_CATEGORIES: readonly LogCategory[] = ['http', 'postgres', 'security', 'realtime', 'execution', 'studio', 'system', 'custom']

export interface LogEntry {
  /** Increases with every entry, also across runs: the stream's event id. */
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

export interface LogQueryResult {
  entries: LogEntry[]
  total_count: number
  has_more: boolean
}

/** The SSE stream's event name for one entry (its data is the LogEntry as JSON). */
export const LOG_STREAM_EVENT = 'log'
/** With ?batch=<ms>: the event name for the entries of one interval (its data is a LogEntry[] as JSON, oldest first). */
export const LOG_STREAM_BATCH_EVENT = 'logs'
