// studio/sql-console/run-sql.ts — runs what the SQL console sends: psql meta-commands as catalog queries, or the
// user's statements verbatim (the simple protocol: several statements in one go, like psql). As the superuser by
// default; with an identity, on the API's pool inside the same transaction set-up every API request gets.
import type { Pool, PoolClient, QueryArrayResult, DatabaseError } from 'pg'
import type { Identity } from '../../identity.js'
import { IDENTITY_SETUP_SQL, identitySetupValues } from '../../postgres/with-identity.js'
import { metaQueries, MetaCommandError } from './meta-commands.js'
import { typeNames } from './type-names.js'
import { CONSOLE_TYPES } from './console-types.js'
import { cell, MAX_ROWS_PER_STATEMENT, type SqlError, type SqlRunResponse, type SqlStatementResult } from './sql-result.js'
import type { RunningQueries } from './running-queries.js'

export interface RunSqlOptions {
  sql: string
  /** undefined = superuser (pools.admin). */
  identity?: Identity
  identityLabel?: string
  queryId?: string
  requestId?: string
}

function toError(err: unknown): SqlError {
  const e = err as Partial<DatabaseError> & Error
  return {
    message: e.message,
    code: e.code,
    position: e.position ? Number(e.position) : undefined,
    hint: e.hint,
    detail: e.detail,
    where: e.where,
  }
}

async function shape(pool: Pool, raw: QueryArrayResult | QueryArrayResult[], title?: string, tags: string[] = []): Promise<SqlStatementResult[]> {
  const list = Array.isArray(raw) ? raw : [raw]
  const names = await typeNames(pool, list.flatMap((r) => (r.fields ?? []).map((f) => f.dataTypeID)))
  // One CommandComplete per result, in order; an empty statement has none, and then no tag is trusted.
  const tagged = tags.length === list.length
  return list.map((r, i) => ({
    command: r.command ?? '',
    ...(tagged ? { tag: tags[i] } : {}),
    rowCount: r.rowCount,
    fields: (r.fields ?? []).map((f) => ({ name: f.name, type: names.get(f.dataTypeID) ?? String(f.dataTypeID) })),
    rows: (r.rows ?? []).slice(0, MAX_ROWS_PER_STATEMENT).map((row) => row.map(cell)),
    ...((r.rows?.length ?? 0) > MAX_ROWS_PER_STATEMENT ? { truncated: true } : {}),
    ...(title ? { title } : {}),
  }))
}

export async function runSql(pools: { admin: Pool; api: Pool }, running: RunningQueries, options: RunSqlOptions): Promise<SqlRunResponse> {
  const started = performance.now()
  const pool = options.identity ? pools.api : pools.admin
  const notices: string[] = []
  const results: SqlStatementResult[] = []
  let error: SqlError | undefined
  let client: PoolClient | undefined
  let ranAs = { currentUser: '', sessionUser: '', identity: options.identityLabel ?? (options.identity ? options.identity.appRole : 'superuser') }
  try {
    client = await pool.connect()
    const onNotice = (n: { message?: string; severity?: string }) => notices.push(`${n.severity ?? 'NOTICE'}:  ${n.message ?? ''}`)
    client.on('notice', onNotice)
    if (options.queryId) running.add(options.queryId, (client as PoolClient & { processID: number }).processID)
    try {
      if (options.identity) {
        await client.query('BEGIN')
        await client.query(IDENTITY_SETUP_SQL, identitySetupValues(options.identity, options.requestId))
      }
      const meta = metaQueries(options.sql)
      if (meta) {
        for (const q of meta) {
          const raw = await client.query({ text: q.sql, values: q.values, rowMode: 'array', types: CONSOLE_TYPES })
          if (q.optional && raw.rowCount === 0) continue
          results.push(...(await shape(pool, raw, q.title)))
        }
      } else {
        // psql prints PostgreSQL's whole command tag ("CREATE TABLE", "INSERT 0 1"); pg keeps only its first word.
        const tags: string[] = []
        const connection = (client as PoolClient & { connection: { on(e: string, f: (m: { text: string }) => void): void; off(e: string, f: (m: { text: string }) => void): void } }).connection
        const onTag = (m: { text: string }) => void tags.push(m.text)
        connection.on('commandComplete', onTag)
        try {
          const raw = (await client.query({ text: options.sql, rowMode: 'array', types: CONSOLE_TYPES })) as unknown as QueryArrayResult
          results.push(...(await shape(pool, raw, undefined, tags)))
        } finally {
          connection.off('commandComplete', onTag)
        }
      }
      const who = await client.query<{ cu: string; su: string }>('SELECT current_user AS cu, session_user AS su')
      ranAs = { ...ranAs, currentUser: who.rows[0].cu, sessionUser: who.rows[0].su }
      if (options.identity) await client.query('COMMIT')
    } catch (err) {
      error = err instanceof MetaCommandError ? { message: err.message } : toError(err)
      // The clean-up below is ours, not the user's: its "no transaction in progress" warning is not theirs to read.
      client.off('notice', onNotice)
      // Leave no transaction open on a pooled connection (also for a BEGIN the user typed and never ended).
      await client.query('ROLLBACK').catch(() => undefined)
    } finally {
      client.off('notice', onNotice)
      if (options.queryId) running.remove(options.queryId)
    }
  } catch (err) {
    error = toError(err)
  } finally {
    // Whatever the user typed (SET ROLE, SET search_path, an unfinished BEGIN, LISTEN…) must not reach the next
    // request that borrows this connection: console connections are never reused.
    client?.release(true)
  }
  return { results, notices, error, durationMs: Math.round((performance.now() - started) * 100) / 100, ranAs }
}
