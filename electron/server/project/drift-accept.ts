// project/drift-accept.ts — "accept" for a migration edited after it was applied: the edited text becomes what
// the tracking table says was applied, without running it (the developer has made the database match by hand, or
// the edit changed only comments). The other choice, reset, rebuilds the database from the folder.
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { readMigrations } from './migration-files.js'
import { acceptChecksum } from './migration-tracking.js'

export async function acceptDrift(ctx: ServerContext, name: string): Promise<void> {
  const m = readMigrations(ctx.config.project).migrations.find((x) => x.name === name)
  if (!m) throw new ApiError(404, 'MIGRATION_NOT_FOUND', `there is no migration file named ${name} in ${ctx.config.project.migrationsDir}`)
  if (!(await acceptChecksum(ctx.pools.admin, name, m.upSql, m.checksum))) throw new ApiError(409, 'NOT_APPLIED', `${name} has not been applied: there is nothing to accept`)
}
