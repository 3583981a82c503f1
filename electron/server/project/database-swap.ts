// project/database-swap.ts — replaces the live database by another one of the same cluster (reset, snapshot
// restore) and copies it (snapshot save), from a maintenance connection to template1. The swap is two renames in
// one transaction: a kill -9 at any moment leaves the old database or the new one under the live name, never a
// half-built one; what a killed swap leaves behind (connections switched off, spare databases) is undone by
// finishInterruptedSwap at the next start.
import crypto from 'node:crypto'
import pg from 'pg'
import type { Pool } from 'pg'

/** Databases this module makes; any left over from a killed run are dropped at start. */
export const SPARE_PREFIXES = ['fluxbase_next_', 'fluxbase_old_', 'fluxbase_build_']

export function spareName(prefix: string): string {
  return `${prefix}${crypto.randomBytes(6).toString('hex')}`
}

/** A superuser connection to template1 (never the live database, which it renames), with the admin pool's login. */
export async function maintenanceClient(admin: Pool): Promise<pg.Client> {
  const o = admin.options
  const client = new pg.Client({ host: o.host, port: o.port, user: o.user, password: o.password as string, database: 'template1', ssl: o.ssl, application_name: 'fluxbase-maintenance' })
  client.on('error', () => undefined)
  await client.connect()
  return client
}

export function liveDatabaseName(admin: Pool): string {
  return admin.options.database ?? 'postgres'
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

export async function terminateConnections(client: pg.Client, database: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) t',
      [database],
    )
    if (rows[0].n === 0) return
    if (Date.now() > until) throw new Error(`connections to ${database} did not close within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Runs `work` while nobody can connect to `database` and nobody is connected (CREATE DATABASE … TEMPLATE and
 * RENAME both need that), then lets connections in again, whatever happened.
 */
export async function withDatabaseClosed<T>(client: pg.Client, database: string, work: () => Promise<T>): Promise<T> {
  await client.query(`ALTER DATABASE ${ident(database)} WITH ALLOW_CONNECTIONS false`)
  try {
    await terminateConnections(client, database)
    return await work()
  } finally {
    await client.query(`ALTER DATABASE ${ident(database)} WITH ALLOW_CONNECTIONS true`).catch(() => undefined)
  }
}

/** Below this size a clone is WAL-logged block by block; above it, copied as files (see cloneDatabase). */
const FILE_COPY_FROM_BYTES = 64 * 1024 * 1024

/**
 * CREATE DATABASE target TEMPLATE source. FILE_COPY copies the directory but forces a checkpoint before and after
 * it, which on a busy disk costs seconds whatever the size (project bench: 3.8–5.3 s for a 15 MB template); WAL_LOG
 * writes the blocks through the WAL instead (0.4–0.9 s there) and only loses to FILE_COPY on large databases.
 */
export async function cloneDatabase(client: pg.Client, source: string, target: string): Promise<void> {
  const { rows } = await client.query<{ size: number }>('SELECT pg_database_size($1::name)::float8 AS size', [source])
  const strategy = rows[0].size >= FILE_COPY_FROM_BYTES ? 'FILE_COPY' : 'WAL_LOG'
  await client.query(`CREATE DATABASE ${ident(target)} TEMPLATE ${ident(source)} STRATEGY ${strategy}`)
}

export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`)
}

/** Lets nobody connect to a kept copy (a template or a snapshot): it must stay as it was made. */
export async function sealDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`ALTER DATABASE ${ident(name)} WITH ALLOW_CONNECTIONS false`)
}

/** A slot stays active for a moment after its walsender was terminated; a database with slots cannot be dropped. */
async function dropSlots(client: pg.Client, database: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await client.query<{ slot_name: string; active: boolean }>('SELECT slot_name, active FROM pg_replication_slots WHERE database = $1', [database])
    for (const r of rows) if (!r.active) await client.query('SELECT pg_drop_replication_slot($1)', [r.slot_name])
    if (rows.every((r) => !r.active)) return
    if (Date.now() > until) throw new Error(`replication slot ${rows.find((r) => r.active)!.slot_name} stayed in use`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * `next` becomes the live database; returns the old one's new name, for the caller to drop (DROP DATABASE waits for
 * a checkpoint: seconds on a busy disk, which nobody should wait for). Logical replication slots of the live database
 * (realtime's) are dropped with it; realtime's capture makes its slot again in the new one when it reconnects.
 */
export async function swapInDatabase(client: pg.Client, live: string, next: string): Promise<string> {
  const old = spareName('fluxbase_old_')
  await withDatabaseClosed(client, live, async () => {
    await dropSlots(client, live)
    await client.query('BEGIN')
    try {
      await client.query(`ALTER DATABASE ${ident(live)} RENAME TO ${ident(old)}`)
      await client.query(`ALTER DATABASE ${ident(next)} RENAME TO ${ident(live)}`)
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    }
  })
  // A connection that passed the allow-connections check just before it was switched off becomes visible only
  // after its start-up, possibly after the renames: it would serve from the replaced database. End it now, before
  // the pools resume (the pool drops the dead client).
  await terminateConnections(client, old)
  // withDatabaseClosed switched connections back on for the name `live`, which is now the new database; the old
  // one keeps them off until it is dropped.
  return old
}

/** At start, before any pool connects: connections back on for the live database, spare databases dropped. */
export async function finishInterruptedSwap(admin: Pool): Promise<string[]> {
  const client = await maintenanceClient(admin)
  try {
    const live = liveDatabaseName(admin)
    await client.query(`ALTER DATABASE ${ident(live)} WITH ALLOW_CONNECTIONS true`)
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE ANY($1::text[])', [SPARE_PREFIXES.map((p) => p + '%')])
    for (const r of rows) await dropDatabase(client, r.datname)
    return rows.map((r) => r.datname)
  } finally {
    await client.end().catch(() => undefined)
  }
}
