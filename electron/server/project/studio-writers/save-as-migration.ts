// project/studio-writers/save-as-migration.ts — the SQL console's "save as migration": the statements are parsed
// by PostgreSQL's own parser (sql-statements.ts), run in one transaction and written as the project folder's next
// migration, recorded as applied; the `.down.sql` is written when every statement's inverse is known
// (inverse-sql.ts), else the answer says which statement has none.
import type { ServerContext } from '../../context.js'
import { ApiError } from '../../errors.js'
import { splitStatements, SqlSyntaxError } from '../sql-statements.js'
import { inverseOf } from '../inverse-sql.js'
import { applyAsMigration } from '../studio-migration.js'

export interface SavedMigration {
  migrationFile: string
  downFile: string | null
  statements: number
  /** Why there is no down file: the first statement whose inverse is not known. */
  noDown?: string
}

export async function saveAsMigration(ctx: ServerContext, sql: string, name: string): Promise<SavedMigration> {
  let statements
  try {
    statements = await splitStatements(sql)
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw new ApiError(400, 'SQL_SYNTAX', `${err.message}${err.line ? ` (line ${err.line})` : ''}; nothing was run or written`)
    throw err
  }
  if (!statements.length) throw new ApiError(400, 'NO_STATEMENTS', 'there is no statement to save as a migration')
  const tx = statements.find((s) => s.kind === 'TransactionStmt')
  if (tx) throw new ApiError(400, 'TRANSACTION_IN_MIGRATION', `line ${tx.line}: a migration runs in its own transaction; leave out BEGIN/COMMIT`)
  const down: string[] = []
  let noDown: string | undefined
  for (const s of statements) {
    const inverse = inverseOf(s.tree)
    if (inverse === null) {
      noDown ??= `line ${s.line}: no known inverse for ${s.kind}`
      continue
    }
    down.unshift(inverse)
  }
  const written = await applyAsMigration(ctx, name, statements.map((s) => s.text), noDown ? undefined : down)
  return { migrationFile: written.file, downFile: written.downFile ?? null, statements: statements.length, ...(noDown ? { noDown } : {}) }
}
