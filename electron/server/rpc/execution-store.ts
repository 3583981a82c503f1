// rpc/execution-store.ts — executions and their log lines (rpc.executions / rpc.execution_logs). Recent ones stay in
// memory so status polls are cheap; every change is also written to the tables, in order per execution, without
// making a synchronous call wait for it. Log lines also go to the log bus (category `execution`).
import type { Pool } from 'pg'
import type { LogBus } from '../logs/log-bus.js'

export type ExecutionStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled' | 'timeout'

export interface Execution {
  id: string
  procedure_id: string | null
  procedure_name: string
  namespace: string
  status: ExecutionStatus
  input_params: Record<string, unknown> | null
  result: unknown[] | null
  error_message: string | null
  rows_returned: number | null
  duration_ms: number | null
  user_id: string | null
  user_role: string | null
  user_email: string | null
  is_async: boolean
  created_at: string
  started_at: string | null
  completed_at: string | null
}

export interface ExecutionLog {
  line_number: number
  level: string
  message: string
  timestamp: string
}

const MEMORY = 500

/**
 * jsonb and text refuse U+0000, so a call whose params (or a message quoting them) hold one would never be recorded,
 * and its log lines would then fail on the foreign key. The history keeps it visible as the six characters \u0000.
 */
export function recordable<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '\\u0000') : value) as T
  if (Array.isArray(value)) return value.map(recordable) as T
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [recordable(k), recordable(v)])) as T
  }
  return value
}

const json = (value: unknown): string | null => (value ? JSON.stringify(recordable(value)) : null)

export class ExecutionStore {
  private readonly recent = new Map<string, { execution: Execution; logs: ExecutionLog[] }>()
  private readonly chains = new Map<string, Promise<void>>()

  constructor(private readonly admin: Pool, private readonly logs: LogBus) {}

  /** Queues a write after the previous ones of the same execution; failures are logged, never thrown. */
  private persist(id: string, write: () => Promise<unknown>): Promise<void> {
    const next = (this.chains.get(id) ?? Promise.resolve()).then(write).then(
      () => undefined,
      (err: Error) => {
        this.logs.log({ category: 'system', level: 'warn', component: 'rpc', execution_id: id, message: `could not record execution: ${err.message}` })
      },
    )
    this.chains.set(id, next)
    void next.then(() => {
      if (this.chains.get(id) === next) this.chains.delete(id)
    })
    return next
  }

  create(execution: Execution): Promise<void> {
    this.recent.set(execution.id, { execution, logs: [] })
    if (this.recent.size > MEMORY) this.recent.delete(this.recent.keys().next().value as string)
    const e = execution
    return this.persist(e.id, () =>
      this.admin.query(
        `INSERT INTO rpc.executions (id, procedure_id, procedure_name, namespace, status, input_params, user_id, user_role, user_email, is_async, created_at, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [e.id, e.procedure_id, e.procedure_name, e.namespace, e.status, json(e.input_params), e.user_id, e.user_role, e.user_email, e.is_async, e.created_at, e.started_at],
      ),
    )
  }

  update(id: string, patch: Partial<Execution>): Promise<void> {
    const entry = this.recent.get(id)
    if (entry) Object.assign(entry.execution, patch)
    const e = entry?.execution
    if (!e) return Promise.resolve()
    return this.persist(id, () =>
      this.admin.query(
        `UPDATE rpc.executions SET status = $2, result = $3, error_message = $4, rows_returned = $5, duration_ms = $6, started_at = $7, completed_at = $8 WHERE id = $1`,
        [id, e.status, json(e.result), recordable(e.error_message), e.rows_returned, e.duration_ms, e.started_at, e.completed_at],
      ),
    )
  }

  log(id: string, level: string, message: string): void {
    const entry = this.recent.get(id)
    if (!entry) return
    const line: ExecutionLog = { line_number: entry.logs.length + 1, level, message, timestamp: new Date().toISOString() }
    entry.logs.push(line)
    this.logs.log({ category: 'execution', level: level === 'error' ? 'error' : level === 'warning' || level === 'warn' ? 'warn' : 'info', component: 'rpc', execution_id: id, user_id: entry.execution.user_id ?? undefined, message, fields: { execution_type: 'rpc', line_number: line.line_number } })
    void this.persist(id, () =>
      this.admin.query('INSERT INTO rpc.execution_logs (execution_id, line_number, level, message) VALUES ($1, $2, $3, $4)', [id, line.line_number, level, recordable(message)]),
    )
  }

  /** Waits until everything queued for this execution is in the tables (tests, shutdown). */
  async flushed(id: string): Promise<void> {
    await this.chains.get(id)
  }

  async get(id: string): Promise<Execution | undefined> {
    const entry = this.recent.get(id)
    if (entry) return entry.execution
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
    const { rows } = await this.admin.query<Execution>(
      `SELECT id, procedure_id, procedure_name, namespace, status, input_params, result, error_message, rows_returned, duration_ms, user_id,
              user_role, user_email, is_async, created_at, started_at, completed_at FROM rpc.executions WHERE id = $1`, [id])
    return rows[0]
  }

  async logLines(id: string, after = 0): Promise<ExecutionLog[]> {
    const entry = this.recent.get(id)
    if (entry) return entry.logs.filter((l) => l.line_number > after)
    const { rows } = await this.admin.query<{ line_number: number; level: string; message: string; created_at: Date }>(
      'SELECT line_number, level, message, created_at FROM rpc.execution_logs WHERE execution_id = $1 AND line_number > $2 ORDER BY line_number', [id, after])
    return rows.map((r) => ({ line_number: r.line_number, level: r.level, message: r.message, timestamp: new Date(r.created_at).toISOString() }))
  }
}
