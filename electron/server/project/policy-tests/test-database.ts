// project/policy-tests/test-database.ts — where policy tests run: the database the project folder describes (its
// migrations and seeds), never the live one. A clone of the folder's template database (template-database.ts, keyed
// by the folder's hash) is made once and kept as `fluxbase_test_<hash>`: each assertion is rolled back, so it stays
// as built and the next run reuses it; a changed folder gets a new clone. A what-if run gets a throwaway clone of
// its own with the what-if SQL applied. With --database-url (no template possible) the tests run on the live data.
import pg from 'pg'
import type { Pool } from 'pg'
import type { ServerContext } from '../../context.js'
import { ApiError } from '../../errors.js'
import { cloneDatabase, dropDatabase, spareName } from '../database-swap.js'
import { exclusive } from '../live-swap.js'
import { MigrationFailedError } from '../migration-runner.js'
import { ensureTemplate, folderHash } from '../template-database.js'
import { readProjectFiles } from '../migration-files.js'
import type { PolicyTestPools } from './run-policy-tests.js'

const TEST_PREFIX = 'fluxbase_test_'

export interface TestDatabase {
  /** 'project': built from the folder's migrations and seeds; 'live': the runtime's own database (--database-url). */
  source: 'project' | 'live'
  database: string
}

interface Kept {
  name: string
  pools: PolicyTestPools
}

const kept = new WeakMap<ServerContext, Kept>()
const chains = new WeakMap<ServerContext, Promise<unknown>>()

/** The runtime's two logins (superuser and the API's non-superuser role: roles are cluster-wide) on another database. */
function poolsOn(ctx: ServerContext, database: string): PolicyTestPools {
  const make = (from: Pool, max: number) => {
    // pg-pool keeps the password as a non-enumerable option: a spread alone would drop it.
    const pool = new pg.Pool({ ...from.options, password: from.options.password, database, max, idleTimeoutMillis: 30_000, application_name: 'fluxbase-policy-tests' })
    pool.on('error', () => undefined)
    return pool
  }
  return { admin: make(ctx.pools.admin, 3), api: make(ctx.pools.api, 4) }
}

async function endPools(pools: PolicyTestPools): Promise<void> {
  await Promise.all([pools.admin.end().catch(() => undefined), pools.api.end().catch(() => undefined)])
}

function folderFailed(err: unknown): never {
  if (err instanceof MigrationFailedError) {
    throw new ApiError(422, 'MIGRATION_FAILED', `the policy tests need the database the project folder builds, and it cannot be built: ${err.message}`, err.failure.detail, err.failure.hint)
  }
  throw err
}

/** The kept clone for the folder as it is now (made, or reused when the folder's hash is unchanged). */
async function projectDatabase(ctx: ServerContext): Promise<Kept> {
  const current = kept.get(ctx)
  // The folder unchanged since the kept clone was made: no maintenance connection, no catalog round trip.
  if (current?.name === TEST_PREFIX + folderHash(readProjectFiles(ctx.config.project))) return current
  return exclusive(ctx, 'policy test build', async (maint) => {
    const template = await ensureTemplate(ctx.pools.admin, maint, ctx.config.project).catch(folderFailed)
    const name = TEST_PREFIX + template.name.slice('fluxbase_tpl_'.length)
    if (current?.name === name) return current
    if (current) await endPools(current.pools)
    const { rows } = await maint.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [TEST_PREFIX + '%'])
    for (const r of rows) if (r.datname !== name) await dropDatabase(maint, r.datname).catch(() => undefined)
    if (!rows.some((r) => r.datname === name)) {
      const building = spareName('fluxbase_build_')
      await cloneDatabase(maint, template.name, building)
      await maint.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`)
    }
    const next = { name, pools: poolsOn(ctx, name) }
    kept.set(ctx, next)
    return next
  })
}

/** A throwaway clone of the folder's database with `whatIf` applied (a policy edit not yet made), dropped after. */
async function withWhatIfDatabase<T>(ctx: ServerContext, whatIf: string[], fn: (pools: PolicyTestPools, db: TestDatabase) => Promise<T>): Promise<T> {
  const name = spareName('fluxbase_build_')
  await exclusive(ctx, 'policy test build', async (maint) => {
    const template = await ensureTemplate(ctx.pools.admin, maint, ctx.config.project).catch(folderFailed)
    await cloneDatabase(maint, template.name, name)
  })
  const pools = poolsOn(ctx, name)
  try {
    const client = await pools.admin.connect()
    try {
      await client.query('BEGIN')
      for (const sql of whatIf) await client.query(sql)
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      const e = err as { message: string; code?: string; detail?: string; hint?: string }
      throw new ApiError(400, e.code ?? 'WHAT_IF_FAILED', `the what-if statement failed: ${e.message}`, e.detail, e.hint)
    } finally {
      client.release()
    }
    return await fn(pools, { source: 'project', database: name })
  } finally {
    await endPools(pools)
    await exclusive(ctx, 'policy test clean-up', (maint) => dropDatabase(maint, name)).catch(() => undefined)
  }
}

/**
 * Runs `fn` on the pools of the database the tests belong on. One run at a time per runtime (the watch, the studio
 * and the CLI share the kept clone; a build must not race another).
 */
export function onTestDatabase<T>(ctx: ServerContext, fn: (pools: PolicyTestPools, db: TestDatabase) => Promise<T>, options: { whatIf?: string[] } = {}): Promise<T> {
  const run = async () => {
    if (ctx.config.databaseUrl) {
      if (options.whatIf?.length) throw new ApiError(400, 'EMBEDDED_ONLY', 'a what-if test run needs the embedded PostgreSQL (a clone of the folder\'s database), not a --database-url server')
      return fn(ctx.pools, { source: 'live', database: 'live' })
    }
    if (options.whatIf?.length) return withWhatIfDatabase(ctx, options.whatIf, fn)
    const db = await projectDatabase(ctx)
    return fn(db.pools, { source: 'project', database: db.name })
  }
  const next = (chains.get(ctx) ?? Promise.resolve()).then(run, run)
  chains.set(ctx, next.catch(() => undefined))
  return next
}

/** Ends the kept clone's pools (runtime stop); the clone itself stays for the next start's first run. */
export async function closeTestDatabase(ctx: ServerContext): Promise<void> {
  const k = kept.get(ctx)
  kept.delete(ctx)
  if (k) await endPools(k.pools)
}
