// studio/sql-console/sql-result.ts — the console's wire shapes: one result per statement (rows as arrays, so
// duplicate column names survive), or an error with PostgreSQL's position, hint and detail for the caret.
export interface SqlField {
  name: string
  type: string
}

export interface SqlStatementResult {
  command: string
  /** PostgreSQL's whole command tag ("INSERT 0 1", "CREATE TABLE"), when known. */
  tag?: string
  rowCount: number | null
  fields: SqlField[]
  rows: unknown[][]
  /** More rows existed than the console returns. */
  truncated?: boolean
  /** Set for psql meta-commands (\dt, \d …). */
  title?: string
}

export interface SqlError {
  message: string
  code?: string
  position?: number
  hint?: string
  detail?: string
  where?: string
}

export interface SqlRunResponse {
  results: SqlStatementResult[]
  notices: string[]
  error?: SqlError
  durationMs: number
  /** Who the statements ran as: current_user and session_user as the database saw them. */
  ranAs: { currentUser: string; sessionUser: string; identity: string }
}

export const MAX_ROWS_PER_STATEMENT = 10_000

/** JSON-safe cell values: timestamps as ISO strings, bytea as \x hex, everything else as pg parsed it. */
export function cell(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
  if (Buffer.isBuffer(value)) return '\\x' + value.toString('hex')
  return value
}
