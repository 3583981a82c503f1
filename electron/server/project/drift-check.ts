// project/drift-check.ts — "is the live database what the folder says?": the folder's template database (the
// migrations and seeds built, template-database.ts) is cloned into a scratch database and the two catalogs are
// compared with @pgkit/migra (a TypeScript port of migra, over @pgkit/schemainspect): tables, columns, constraints,
// indexes, policies, grants, functions, triggers, enums, RLS flags. The answer is the SQL that would make the folder
// match the live database, statement by statement (what a new migration file would hold).
import { run as migra } from '@pgkit/migra'
import type { ServerContext } from '../context.js'
import { cloneDatabase, dropDatabase, spareName } from './database-swap.js'
import { exclusive } from './live-swap.js'
import { ensureTemplate } from './template-database.js'

/** The runtime's own schemas: the same bootstrap migrations made them on both sides. */
const INTERNAL_SCHEMAS = ['auth', 'storage', 'realtime', 'rpc', 'fluxbase_meta', 'migrations']

export interface DriftReport {
  inSync: boolean
  /** Statements that would turn the folder's database into the live one. */
  statements: string[]
}

function urlFor(databaseUrl: string, database: string): string {
  const u = new URL(databaseUrl)
  u.pathname = `/${encodeURIComponent(database)}`
  return u.toString()
}

export async function checkDrift(ctx: ServerContext): Promise<DriftReport> {
  return exclusive(ctx, 'drift check', async (maint) => {
    const template = await ensureTemplate(ctx.pools.admin, maint, ctx.config.project)
    const scratch = spareName('fluxbase_build_')
    await cloneDatabase(maint, template.name, scratch)
    try {
      const live = new URL(ctx.databaseUrl).pathname.slice(1) || 'postgres'
      const m = await migra(urlFor(ctx.databaseUrl, scratch), urlFor(ctx.databaseUrl, decodeURIComponent(live)), {
        unsafe: true,
        withPrivileges: true,
        excludeSchema: INTERNAL_SCHEMAS,
      })
      const statements = m.statements.array.map((s) => s.trim()).filter(Boolean)
      return { inSync: statements.length === 0, statements }
    } finally {
      await dropDatabase(maint, scratch).catch(() => undefined)
    }
  })
}
