// functions/execution-history.ts — recent invocations and their log lines, in memory and bounded (the newest
// executions overall, a cap of lines and bytes per execution): what the admin endpoints and the studio's
// Functions view list. Every line also goes to the log bus under the request id, so the log viewer shows it
// beside the HTTP line and PostgreSQL's lines of the same request. The executions (not their lines) are also kept
// in PostgreSQL by execution-store.ts and restored from there at start.
import type { LogBus } from '../logs/log-bus.js'
import type { LogLevel } from '../deno/host-protocol.js'

export interface Execution {
  id: string
  function_id: string
  function_name: string
  namespace: string
  trigger_type: 'http'
  status: 'running' | 'success' | 'error'
  status_code: number | null
  duration_ms: number | null
  error_message: string | null
  logs: string
  request_id: string
  method: string
  user_id: string | null
  user_role: string
  request_bytes: number
  response_bytes: number | null
  executed_at: string
  completed_at: string | null
}

export interface ExecutionLogLine {
  id: string
  timestamp: string
  level: LogLevel
  message: string
  execution_id: string
  execution_type: 'function'
  line_number: number
}

const MAX_EXECUTIONS = 1000
const MAX_LINES = 1000
const MAX_LOG_BYTES = 1024 * 1024
const MAX_LINE_CHARS = 16 * 1024

interface Record_ {
  execution: Execution
  lines: ExecutionLogLine[]
  bytes: number
  truncated: boolean
  /** disable-execution-logs: no lines kept or sent. */
  quiet: boolean
}

export class ExecutionHistory {
  private readonly records = new Map<string, Record_>()
  /** How many executions are kept (the oldest go first). */
  readonly capacity = MAX_EXECUTIONS

  constructor(private readonly logs: LogBus) {}

  start(execution: Execution, quiet: boolean): void {
    this.records.set(execution.id, { execution, lines: [], bytes: 0, truncated: false, quiet })
    if (this.records.size > MAX_EXECUTIONS) this.records.delete(this.records.keys().next().value as string)
  }

  /** One line of the function's output. Past the caps it is dropped (one line says so): never blocks the call. */
  line(id: string, level: LogLevel, message: string): void {
    const r = this.records.get(id)
    if (!r || r.quiet || r.truncated) return
    if (r.lines.length >= MAX_LINES || r.bytes >= MAX_LOG_BYTES) {
      r.truncated = true
      message = `… log output truncated after ${r.lines.length} lines (${Math.round(r.bytes / 1024)} KB)`
      level = 'warn'
    } else if (message.length > MAX_LINE_CHARS) {
      message = `${message.slice(0, MAX_LINE_CHARS)}… (${message.length} characters, truncated)`
    }
    r.bytes += message.length
    const e = r.execution
    const entry = this.logs.log({ category: 'execution', level, component: 'functions', request_id: e.request_id, execution_id: id, user_id: e.user_id ?? undefined, message, fields: { function: e.function_name, execution_type: 'function', line_number: r.lines.length } })
    r.lines.push({ id: String(entry.id), timestamp: entry.timestamp, level, message, execution_id: id, execution_type: 'function', line_number: r.lines.length })
  }

  finish(id: string, patch: Partial<Execution>): Execution | undefined {
    const r = this.records.get(id)
    if (!r) return undefined
    Object.assign(r.execution, patch)
    r.execution.logs = r.lines.filter((l) => l.level === 'error').map((l) => l.message).join('\n')
    return r.execution
  }

  /** Executions of earlier runs (newest first, from the table): listed like the others, without their lines. */
  restore(executions: Execution[]): void {
    for (const execution of [...executions].reverse()) {
      if (this.records.has(execution.id)) continue
      this.records.set(execution.id, { execution, lines: [], bytes: 0, truncated: false, quiet: false })
    }
    while (this.records.size > MAX_EXECUTIONS) this.records.delete(this.records.keys().next().value as string)
  }

  /** disable-execution-logs: the execution is not kept beyond memory either. */
  isQuiet(id: string): boolean {
    return this.records.get(id)?.quiet ?? true
  }

  get(id: string): Execution | undefined {
    return this.records.get(id)?.execution
  }

  lines(id: string, afterLine = -1): ExecutionLogLine[] {
    return (this.records.get(id)?.lines ?? []).filter((l) => l.line_number > afterLine)
  }

  /** Newest first. */
  list(filter: { functionName?: string; namespace?: string; status?: string } = {}): Execution[] {
    const out: Execution[] = []
    for (const r of this.records.values()) {
      const e = r.execution
      if (filter.functionName && e.function_name !== filter.functionName) continue
      if (filter.namespace && e.namespace !== filter.namespace) continue
      if (filter.status && e.status !== filter.status) continue
      out.push(e)
    }
    return out.reverse()
  }
}
