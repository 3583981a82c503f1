// postgres/with-identity.ts — the one place a request's identity becomes database state. Every API path (REST, RPC,
// storage, realtime checks, the studio's impersonation) runs its statements through here, so RLS sees the same thing.
import crypto from 'node:crypto'
import pg, { type Pool, type PoolClient } from 'pg'
import { ApiError } from '../errors.js'
import type { DbRole, Identity } from '../identity.js'
import { planReuseFor } from './plan-reuse.js'

/**
 * One round trip: role, claims, the guide's app.* settings and the role's statement timeout, all transaction-local.
 * An empty $6 keeps the session's statement_timeout (the studio's console, internal checks).
 */
export const IDENTITY_SETUP_SQL =
  "SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true), " +
  "set_config('app.user_id', $3, true), set_config('app.role', $4, true), set_config('application_name', $5, true), " +
  "set_config('statement_timeout', coalesce(nullif($6, ''), current_setting('statement_timeout')), true)"

/** The same, for a batch whose statements may run their generic plans without re-planning (see plan-reuse.ts). */
export const IDENTITY_SETUP_GENERIC_SQL = `${IDENTITY_SETUP_SQL}, set_config('plan_cache_mode', 'force_generic_plan', true)`

/** `timeoutMs`: the role's statement timeout (0 or absent: keep the session's). */
export function identitySetupValues(identity: Identity, requestId = '', timeoutMs = 0): string[] {
  return [
    identity.dbRole,
    JSON.stringify(identity.claims),
    identity.userId ?? '',
    identity.appRole,
    // Carried into PostgreSQL's own log lines (log_line_prefix %a) so they join the request.
    requestId ? `fluxbase:${requestId}` : 'fluxbase',
    timeoutMs > 0 ? String(timeoutMs) : '',
  ]
}

// Statement timeouts per role, per pool (the API pool's come from config.limits; other pools have none), so that
// every path through this module gets them without each caller passing configuration along.
const roleTimeouts = new WeakMap<Pool, Partial<Record<DbRole, number>>>()

export function setRoleStatementTimeouts(pool: Pool, timeouts: Partial<Record<DbRole, number>>): void {
  roleTimeouts.set(pool, timeouts)
}

/** The statement timeout `role` gets on `pool`, in ms (0: none). */
export function roleStatementTimeout(pool: Pool, role: DbRole): number {
  return roleTimeouts.get(pool)?.[role] ?? 0
}

/**
 * A connection from `pool`; past the pool's connectionTimeoutMillis (the pool-acquire deadline) a 503 that says
 * the database is busy, instead of a request that waits as long as the slowest statements ahead of it.
 */
export async function acquire(pool: Pool): Promise<PoolClient> {
  try {
    return guardAgainstLoss(await pool.connect())
  } catch (err) {
    if (/timeout exceeded when trying to connect/i.test((err as Error).message)) {
      const waited = (pool as Pool & { options?: { connectionTimeoutMillis?: number } }).options?.connectionTimeoutMillis ?? 0
      throw new ApiError(503, 'PGRST003', `the database is busy: no connection became free within ${waited} ms`, `${pool.totalCount} connections in use, ${pool.waitingCount} requests waiting`, 'retry in a moment')
    }
    throw err
  }
}

const guarded = new WeakSet<PoolClient>()

/**
 * While a request holds a connection the pool listens for nothing on it, so a server that dies between two of the
 * request's messages (FATAL, then end of stream) would emit an 'error' nobody handles: an uncaught exception in the
 * runtime. The request's own query already rejects with the cause, and the pool drops the dead connection on release.
 */
function guardAgainstLoss(client: PoolClient): PoolClient {
  if (!guarded.has(client)) {
    guarded.add(client)
    client.on('error', () => undefined)
  }
  return client
}

export interface WithIdentityOptions {
  requestId?: string
  /** Roll back instead of committing (dry runs, what-if). */
  rollback?: boolean
}

/**
 * Runs `fn` in one transaction as `identity`. The pool's login role is not a superuser and owns no user tables,
 * so RLS applies to every statement `fn` runs.
 */
export async function withIdentity<T>(
  pool: Pool,
  identity: Identity,
  fn: (client: PoolClient) => Promise<T>,
  options: WithIdentityOptions = {},
): Promise<T> {
  const client = await acquire(pool)
  let release: boolean | Error = true
  try {
    await client.query('BEGIN')
    await client.query({ name: 'fluxbase_identity_setup', text: IDENTITY_SETUP_SQL, values: identitySetupValues(identity, options.requestId, roleStatementTimeout(pool, identity.dbRole)) })
    const result = await fn(client)
    await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT')
    return result
  } catch (err) {
    try {
      await client.query('ROLLBACK')
    } catch (rollbackErr) {
      // The connection is unusable (e.g. PostgreSQL restarted): drop it from the pool.
      release = rollbackErr as Error
    }
    throw err
  } finally {
    client.release(release === true ? undefined : release)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One round trip per request. The extended protocol runs every Execute up to the next Sync in ONE implicit
// transaction (committed at Sync, rolled back on any error), so `setup; statement…; Sync` has exactly the
// semantics of BEGIN; setup; statement…; COMMIT — without three of its four round trips. Named statements are
// prepared once per connection (LRU-capped); a Parse that an error may have skipped is closed before reuse.

export interface PipelineStatement {
  text: string
  values?: unknown[]
  /** Parameter type OIDs (0 or absent: let PostgreSQL infer). */
  types?: number[]
  /** Prepare under a name derived from the text and reuse it on this connection. Default true. */
  prepare?: boolean
  /** Ask for the column names (RowDescription). */
  describe?: boolean
}

export interface PipelineResult {
  /** Column names and type OIDs, when `describe` was set. */
  fields: string[]
  types: number[]
  /** Raw text values, as PostgreSQL sent them. */
  rows: Array<Array<string | null>>
  command: string
  rowCount: number
}

export interface PipelineError extends Error {
  /** Index of the statement that failed (-1: the identity set-up). */
  statementIndex?: number
}

export interface QueryAsIdentityOptions {
  requestId?: string
  /** PostgreSQL notices (RAISE NOTICE…) raised while the statements run. */
  onNotice?: (notice: { severity?: string; message: string }) => void
}

interface WireConnection {
  parse(msg: { text: string; name?: string; types?: number[] }): void
  bind(msg: { portal?: string; statement?: string; values?: unknown[]; valueMapper?: (v: unknown) => unknown }): void
  describe(msg: { type: 'P' | 'S'; name?: string }): void
  execute(msg: { portal?: string; rows?: number }): void
  close(msg: { type: 'P' | 'S'; name?: string }): void
  sync(): void
  on(event: string, fn: (...args: unknown[]) => void): void
  removeListener(event: string, fn: (...args: unknown[]) => void): void
  stream: { cork?: () => void; uncork?: () => void }
  parsedStatements: Record<string, string>
}

const MAX_PREPARED_PER_CONNECTION = 256
const prepared = new WeakMap<object, { lru: Map<string, true>; doubtful: Set<string> }>()
const statementNames = new Map<string, string>()

function statementName(text: string): string {
  let name = statementNames.get(text)
  if (!name) {
    name = `fx_${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 22)}`
    if (statementNames.size > 10_000) statementNames.clear()
    statementNames.set(text, name)
  }
  return name
}

const prepareValue = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue

class PipelinedBatch {
  readonly results: PipelineResult[] = []
  private current: PipelineResult | undefined
  private parses: string[] = []
  private resolve!: (r: PipelineResult[]) => void
  private reject!: (e: Error) => void
  private connection: WireConnection | undefined
  private done = false
  readonly promise: Promise<PipelineResult[]>
  private readonly onParse = () => {
    const name = this.parses.shift()
    const state = this.connection && prepared.get(this.connection)
    if (name && state) state.doubtful.delete(name)
  }
  private readonly onNoticeMsg = (msg: unknown) => {
    const m = msg as { severity?: string; message: string }
    this.onNotice?.({ severity: m.severity, message: m.message })
  }

  constructor(
    private readonly statements: PipelineStatement[],
    private readonly onNotice?: QueryAsIdentityOptions['onNotice'],
  ) {
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }

  submit(connection: WireConnection): Error | null {
    // Map every value before writing a byte: a throw half-way would leave a half-sent batch on the wire.
    let mapped: unknown[][]
    try {
      mapped = this.statements.map((st) => (st.values ?? []).map((v) => prepareValue(v)))
    } catch (err) {
      this.finish(err as Error)
      return err as Error
    }
    this.connection = connection
    let state = prepared.get(connection)
    if (!state) {
      state = { lru: new Map(), doubtful: new Set() }
      prepared.set(connection, state)
    }
    connection.on('parseComplete', this.onParse)
    if (this.onNotice) connection.on('notice', this.onNoticeMsg)
    connection.stream.cork?.()
    try {
      for (const [i, st] of this.statements.entries()) {
        let name = ''
        if (st.prepare !== false) {
          name = statementName(st.text)
          const known = state.lru.has(name)
          if (known) {
            state.lru.delete(name)
            state.lru.set(name, true)
          } else {
            if (state.lru.size >= MAX_PREPARED_PER_CONNECTION) {
              const oldest = state.lru.keys().next().value as string
              state.lru.delete(oldest)
              delete connection.parsedStatements[oldest]
              connection.close({ type: 'S', name: oldest })
            }
            // Closing a statement that does not exist is not an error; re-parsing one that does is.
            if (state.doubtful.has(name) || connection.parsedStatements[name] !== undefined) connection.close({ type: 'S', name })
            state.doubtful.add(name)
            state.lru.set(name, true)
            connection.parsedStatements[name] = st.text
            this.parses.push(name)
            connection.parse({ text: st.text, name, types: st.types })
          }
        } else {
          this.parses.push('')
          connection.parse({ text: st.text, name: '', types: st.types })
        }
        connection.bind({ statement: name, values: mapped[i] })
        if (st.describe) connection.describe({ type: 'P', name: '' })
        connection.execute({ portal: '', rows: 0 })
      }
      connection.sync()
    } finally {
      connection.stream.uncork?.()
    }
    return null
  }

  private finish(err?: Error): void {
    if (this.done) return
    this.done = true
    this.connection?.removeListener('parseComplete', this.onParse)
    this.connection?.removeListener('notice', this.onNoticeMsg)
    if (err) this.reject(err)
    else this.resolve(this.results)
  }

  private result(): PipelineResult {
    if (!this.current) {
      this.current = { fields: [], types: [], rows: [], command: '', rowCount: 0 }
    }
    return this.current
  }

  handleRowDescription(msg: { fields: Array<{ name: string; dataTypeID: number }> }): void {
    const r = this.result()
    r.fields = msg.fields.map((f) => f.name)
    r.types = msg.fields.map((f) => f.dataTypeID)
  }

  handleDataRow(msg: { fields: Array<string | null> }): void {
    this.result().rows.push(msg.fields)
  }

  handleCommandComplete(msg: { text: string }): void {
    const r = this.result()
    r.command = msg.text
    const m = /(\d+)$/.exec(msg.text)
    r.rowCount = m ? Number(m[1]) : r.rows.length
    this.results.push(r)
    this.current = undefined
  }

  handleEmptyQuery(): void {
    this.results.push(this.result())
    this.current = undefined
  }

  handleError(err: PipelineError): void {
    // Everything after the failing message was skipped up to Sync: the implicit transaction is rolled back, and
    // Parses not yet confirmed may or may not exist: forget them, and Close before the next Parse of that name.
    const state = this.connection && prepared.get(this.connection)
    for (const name of this.parses) {
      if (!name || !state) continue
      state.lru.delete(name)
      delete this.connection!.parsedStatements[name]
    }
    this.parses = []
    err.statementIndex = this.results.length
    this.finish(err)
  }

  handleReadyForQuery(): void {
    this.finish()
  }

  handlePortalSuspended(): void {}
  handleCopyInResponse(connection: { sendCopyFail(msg: string): void }): void {
    connection.sendCopyFail('COPY is not supported here')
  }
  handleCopyData(): void {}
}

/**
 * Runs `statements` as `identity` in one transaction and one round trip (see above). Results come back as raw
 * text; statement i's result is at index i. A failure rejects with the PostgreSQL error, `statementIndex` set.
 */
export async function queryAsIdentity(
  pool: Pool,
  identity: Identity,
  statements: PipelineStatement[],
  options: QueryAsIdentityOptions = {},
): Promise<PipelineResult[]> {
  const plans = planReuseFor(pool)
  const setup = plans.genericAllowed(identity.dbRole, statements) ? IDENTITY_SETUP_GENERIC_SQL : IDENTITY_SETUP_SQL
  const client = await acquire(pool)
  let broken: Error | undefined
  try {
    const batch = new PipelinedBatch([{ text: setup, values: identitySetupValues(identity, options.requestId, roleStatementTimeout(pool, identity.dbRole)) }, ...statements], options.onNotice)
    void client.query(batch as unknown as Parameters<PoolClient['query']>[0])
    try {
      const results = await batch.promise
      plans.observe(identity.dbRole, statements, (check) => withIdentity(pool, identity, check, { rollback: true }))
      return results.slice(1)
    } catch (err) {
      const e = err as PipelineError & { severity?: string }
      if (e.statementIndex !== undefined) e.statementIndex -= 1
      // A client-side failure (not a server ErrorResponse) leaves the connection in an unknown state.
      if (!e.severity) broken = e
      throw e
    }
  } finally {
    client.release(broken)
  }
}
