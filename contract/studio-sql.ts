// contract/studio-sql.ts — the wire shapes of the SQL console's endpoints (/studio/api/sql, /cancel, /history,
// /help), as electron/server/studio/sql-routes.ts and sql-console/run-sql.ts send them. Types only; the server
// imports them from here.

export interface SqlField {
  name: string
  /** PostgreSQL's name for the type (format_type), e.g. "integer", "timestamp with time zone". */
  type: string
}

export interface SqlStatementResult {
  /** First word of the command tag ("SELECT", "INSERT", "CREATE"…). */
  command: string
  /** PostgreSQL's whole command tag as psql prints it ("INSERT 0 1", "CREATE TABLE"), when known. */
  tag?: string
  rowCount: number | null
  fields: SqlField[]
  /** Rows as arrays (duplicate column names survive). Numbers, booleans and json arrive parsed, every other type as PostgreSQL's own text. */
  rows: unknown[][]
  /** More rows existed than the console returns. */
  truncated?: boolean
  /** Set for psql meta-commands (\dt, \d …). */
  title?: string
}

export interface SqlError {
  message: string
  code?: string
  /** 1-based character position in the submitted text (PostgreSQL's error position). */
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

export interface SqlHistoryEntry {
  sql: string
  at: string
}

export interface SqlHelpCommand {
  command: string
  description: string
}
