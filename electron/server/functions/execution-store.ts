// functions/execution-store.ts — the execution history in PostgreSQL (functions.executions, migration 0610), so it
// outlives a restart: finished executions are queued and written in one statement a few times a second, off the
// request path, and the table keeps the newest MAX_ROWS. At start the newest rows fill the in-memory history
// (execution-history.ts), which the admin endpoints and the studio read.
import type { Pool } from 'pg'
import { withIdentity } from '../postgres/with-identity.js'
import { identityFromClaims } from '../identity.js'
import type { Execution } from './execution-history.js'

const AS_RUNTIME = identityFromClaims({ role: 'service_role' })
const FLUSH_MS = 250
const MAX_ROWS = 10_000
/** Pruning scans the index: once every this many rows written, not on every flush. */
const PRUNE_EVERY = 200

const COLUMNS = ['id', 'function_name', 'namespace', 'trigger_type', 'status', 'status_code', 'duration_ms', 'error_message', 'logs', 'request_id', 'method', 'user_id', 'user_role', 'request_bytes', 'response_bytes', 'executed_at', 'completed_at'] as const

export class ExecutionStore {
  private queue: Execution[] = []
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  private sincePrune = 0

  constructor(
    private readonly pool: Pool,
    private readonly onError: (message: string) => void,
  ) {}

  /** The newest executions, newest first (for the in-memory history at start). */
  async newest(limit: number): Promise<Execution[]> {
    const rows = await withIdentity(this.pool, AS_RUNTIME, async (c) => (await c.query<Record<string, unknown>>(`SELECT ${COLUMNS.join(', ')} FROM functions.executions ORDER BY executed_at DESC LIMIT $1`, [limit])).rows)
    return rows.map((r) => ({ ...r, function_id: r.function_name, executed_at: (r.executed_at as Date).toISOString(), completed_at: r.completed_at ? (r.completed_at as Date).toISOString() : null }) as unknown as Execution)
  }

  /** Queues a finished execution; written within FLUSH_MS. Never waits, never throws. */
  record(execution: Execution): void {
    this.queue.push({ ...execution })
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS)
  }

  /** Writes what is queued (stop() calls it so nothing finished is lost). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const batch = this.queue.splice(0)
    if (!batch.length) return this.writing
    this.writing = this.writing.then(() => this.write(batch)).catch((err: Error) => this.onError(`execution history not saved: ${err.message}`))
    return this.writing
  }

  private async write(batch: Execution[]): Promise<void> {
    const rows = JSON.stringify(batch.map((e) => Object.fromEntries(COLUMNS.map((k) => [k, e[k]]))))
    this.sincePrune += batch.length
    const prune = this.sincePrune >= PRUNE_EVERY
    if (prune) this.sincePrune = 0
    await withIdentity(this.pool, AS_RUNTIME, async (c) => {
      await c.query(
        `INSERT INTO functions.executions (${COLUMNS.join(', ')})
         SELECT ${COLUMNS.join(', ')} FROM jsonb_populate_recordset(NULL::functions.executions, $1::jsonb)
         ON CONFLICT (id) DO NOTHING`,
        [rows],
      )
      if (prune) await c.query(`DELETE FROM functions.executions WHERE executed_at < (SELECT executed_at FROM functions.executions ORDER BY executed_at DESC OFFSET $1 LIMIT 1)`, [MAX_ROWS - 1])
    })
  }
}
