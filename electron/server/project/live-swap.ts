// project/live-swap.ts — the operations that replace or copy the live database while the API runs (reset, snapshot
// save and restore), one at a time per runtime: the pools wait at a gate, the database is swapped or copied, then
// the pools, the schema cache and realtime's capture carry on against what is there now (the long-lived
// connections, LISTEN and replication, reconnect by themselves).
import type pg from 'pg'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { schemaStoreFor } from '../rest/schema/schema-store.js'
import { pausePools } from './pool-pause.js'
import { cloneDatabase, liveDatabaseName, maintenanceClient, swapInDatabase, withDatabaseClosed, dropDatabase, spareName } from './database-swap.js'
import { poolOn } from './template-database.js'

const running = new WeakMap<ServerContext, string>()

/** One database operation at a time: a second one is refused at once, never queued behind a long reset. */
export async function exclusive<T>(ctx: ServerContext, what: string, work: (maint: pg.Client) => Promise<T>): Promise<T> {
  const current = running.get(ctx)
  if (current) throw new ApiError(409, 'PROJECT_BUSY', `a ${current} is already running; try again when it has finished`)
  if (ctx.config.databaseUrl) throw new ApiError(400, 'EMBEDDED_ONLY', `${what} works on the embedded PostgreSQL only, not on a --database-url server`)
  running.set(ctx, what)
  let maint: pg.Client | undefined
  try {
    maint = await maintenanceClient(ctx.pools.admin)
    return await work(maint)
  } finally {
    running.delete(ctx)
    await maint?.end().catch(() => undefined)
  }
}

/** The live database's own settings (the API role's password, …) carried into the one replacing it. */
async function copySettings(ctx: ServerContext, target: string): Promise<void> {
  const { rows } = await ctx.pools.admin.query<{ key: string; value: string }>("SELECT key, value FROM fluxbase_meta.settings WHERE key <> 'project_seeded'")
  const pool = poolOn(ctx.pools.admin, target)
  try {
    await pool.query('CREATE TABLE IF NOT EXISTS fluxbase_meta.settings (key text PRIMARY KEY, value text NOT NULL)')
    for (const r of rows) await pool.query('INSERT INTO fluxbase_meta.settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [r.key, r.value])
  } finally {
    await pool.end().catch(() => undefined)
  }
}

/** Clones `source` (a template or a snapshot) and swaps the clone in as the live database. */
export async function replaceLiveDatabase(ctx: ServerContext, maint: pg.Client, source: string): Promise<void> {
  const next = spareName('fluxbase_next_')
  await cloneDatabase(maint, source, next)
  try {
    await copySettings(ctx, next)
  } catch (err) {
    await dropDatabase(maint, next).catch(() => undefined)
    throw err
  }
  const paused = await pausePools([ctx.pools.api, ctx.pools.admin])
  let old: string
  try {
    old = await swapInDatabase(maint, liveDatabaseName(ctx.pools.admin), next)
  } catch (err) {
    await dropDatabase(maint, next).catch(() => undefined)
    throw err
  } finally {
    paused.resume()
  }
  dropInBackground(ctx, old)
  await (await schemaStoreFor(ctx)).reload().catch(() => undefined)
}

const dropping = new WeakMap<ServerContext, Promise<void>>()

/** The replaced database goes after the swap; a stop waits for it, a kill -9 leaves it to the next start. */
function dropInBackground(ctx: ServerContext, name: string): void {
  const previous = dropping.get(ctx)
  const next = (async () => {
    await previous
    const client = await maintenanceClient(ctx.pools.admin)
    try {
      await dropDatabase(client, name)
    } finally {
      await client.end().catch(() => undefined)
    }
  })().catch((err: Error) => {
    ctx.logs.log({ category: 'system', level: 'warn', component: 'project', message: `could not drop the replaced database ${name}: ${err.message}` })
  })
  if (!previous) ctx.onStop(() => dropping.get(ctx))
  dropping.set(ctx, next)
}

/** Copies the live database to `target` (kept sealed), pausing the API for the length of a file copy. */
export async function copyLiveDatabase(ctx: ServerContext, maint: pg.Client, target: string): Promise<void> {
  const live = liveDatabaseName(ctx.pools.admin)
  const paused = await pausePools([ctx.pools.api, ctx.pools.admin])
  try {
    await withDatabaseClosed(maint, live, () => cloneDatabase(maint, live, target))
  } finally {
    paused.resume()
  }
}
