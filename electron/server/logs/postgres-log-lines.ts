// logs/postgres-log-lines.ts — PostgreSQL's stderr → log entries. The server runs with POSTGRES_LOG_LINE_PREFIX so
// each line carries its time, pid, SQLSTATE and application_name, which holds the API request id (see with-identity).
import type { LogInput, LogLevel } from './log-entry.js'

/** `%m|%p|%e|%a| ` — millisecond time, backend pid, SQLSTATE, application_name. */
export const POSTGRES_LOG_LINE_PREFIX = '%m|%p|%e|%a| '

const LINE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [A-Za-z0-9+:-]+)\|(\d+)\|([0-9A-Z]{5})?\|([^|]*)\| ([A-Z0-9]+):\s+(.*)$/

const LEVELS: Record<string, LogLevel> = {
  DEBUG1: 'debug', DEBUG2: 'debug', DEBUG3: 'debug', DEBUG4: 'debug', DEBUG5: 'debug',
  LOG: 'info', INFO: 'info', NOTICE: 'info', DETAIL: 'info', HINT: 'info', STATEMENT: 'info', CONTEXT: 'info', QUERY: 'info', LOCATION: 'info',
  WARNING: 'warn', ERROR: 'error', FATAL: 'fatal', PANIC: 'fatal',
}

export interface ParsedPostgresLine {
  time: Date
  pid: number
  sqlstate?: string
  applicationName: string
  severity: string
  message: string
}

export function parsePostgresLine(line: string): ParsedPostgresLine | undefined {
  const m = LINE.exec(line)
  if (!m) return undefined
  const time = new Date(m[1].replace(' ', 'T').replace(/ UTC$/, 'Z'))
  return {
    time: Number.isNaN(time.getTime()) ? new Date() : time,
    pid: Number(m[2]),
    sqlstate: m[3] || undefined,
    applicationName: m[4],
    severity: m[5],
    message: m[6],
  }
}

export function requestIdFromApplicationName(name: string): string | undefined {
  return name.startsWith('fluxbase:') ? name.slice('fluxbase:'.length) : undefined
}

/**
 * Splits a stderr chunk stream into log entries. Lines without the prefix (multi-line statements, messages
 * printed before logging is configured) are appended to the previous entry or logged on their own.
 */
export function createPostgresLogSplitter(emit: (entry: LogInput) => void) {
  let partial = ''
  let pending: LogInput | undefined
  const flushPending = () => {
    if (pending) emit(pending)
    pending = undefined
  }
  return {
    push(chunk: string) {
      const text = partial + chunk
      const lines = text.split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.trim()) continue
        const parsed = parsePostgresLine(line)
        if (!parsed) {
          if (pending && /^\s/.test(line)) pending.message += '\n' + line
          else {
            flushPending()
            pending = { category: 'postgres', level: 'info', message: line, component: 'postgres' }
          }
          continue
        }
        flushPending()
        const requestId = requestIdFromApplicationName(parsed.applicationName)
        pending = {
          category: 'postgres',
          level: LEVELS[parsed.severity] ?? 'info',
          message: `${parsed.severity}:  ${parsed.message}`,
          component: 'postgres',
          timestamp: parsed.time.toISOString(),
          ...(requestId ? { request_id: requestId } : {}),
          fields: { pid: parsed.pid, severity: parsed.severity, sqlstate: parsed.sqlstate, application_name: parsed.applicationName || undefined },
        }
      }
      // Entries are emitted once the next line shows they are complete, or at the end of the chunk.
      flushPending()
    },
    end() {
      if (partial) this.push('\n')
      flushPending()
    },
  }
}
