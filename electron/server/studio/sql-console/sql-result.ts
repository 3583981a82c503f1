// studio/sql-console/sql-result.ts — what the console's answers are made of: the wire shapes (one result per
// statement, rows as arrays so duplicate column names survive; or an error with PostgreSQL's position, hint and
// detail for the caret) live in contract/studio-sql.ts, which the renderer reads too; here are the row cap and the
// JSON-safe cell values.
export type { SqlError, SqlField, SqlRunResponse, SqlStatementResult } from '../../../../contract/studio-sql.js'

export const MAX_ROWS_PER_STATEMENT = 10_000

/** JSON-safe cell values: timestamps as ISO strings, bytea as \x hex, everything else as pg parsed it. */
export function cell(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
  if (Buffer.isBuffer(value)) return '\\x' + value.toString('hex')
  return value
}
