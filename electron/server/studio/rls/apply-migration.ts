// studio/rls/apply-migration.ts — "Apply" in the policy editor and the advisor: the statement runs for real and
// becomes the project folder's next numbered migration, recorded as applied (project/studio-migration.ts), so the
// change lives in the developer's repository and not only in the local database.
import type { ServerContext } from '../../context.js'
import { applyAsMigration } from '../../project/studio-migration.js'

export interface AppliedMigration {
  file: string
  sql: string
}

export async function applyAndRecord(ctx: ServerContext, sql: string, name: string): Promise<AppliedMigration> {
  const applied = await applyAsMigration(ctx, name, [sql])
  return { file: applied.file, sql }
}
