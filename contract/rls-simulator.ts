// contract/rls-simulator.ts — the wire shapes of the RLS simulator's endpoints (/studio/api/rls/…, the guide
// example, the silent-filter hint), as electron/server/studio/rls-routes.ts and rls/*.ts send them. Types only; the
// server's rls/*.ts import the result shapes from here, so the compiler holds them to it.

/** A policy expression's value for one row: SQL's three values, or the error it raised. */
export type TriResult = true | false | null | 'error'

export interface ClauseSplit {
  op: 'AND' | 'OR' | null
  parts: string[]
}

export interface PolicyWire {
  name: string
  kind: 'permissive' | 'restrictive'
  command: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'ALL'
  roles: string[]
  using: string | null
  check: string | null
  /** TO public, the identity's role, or a role it is a member of. */
  appliesToRole: boolean
  usingClauses: ClauseSplit | null
  checkClauses: ClauseSplit | null
  /** FOR the explained command or FOR ALL. */
  appliesToCommand: boolean
  /** Applies to role and command: its result per row is in the grid. */
  evaluated: boolean
}

export interface ClauseResult {
  text: string
  result: TriResult
  error?: string
}

export interface PolicyResult {
  name: string
  kind: 'permissive' | 'restrictive'
  result: TriResult
  error?: string
  /** Top-level parts of the expression, each evaluated, when the expression has more than one. */
  op?: 'AND' | 'OR'
  clauses?: ClauseResult[]
}

export interface RowDecision {
  allowed: boolean
  reason: string
}

export interface PgErrorInfo {
  message: string
  code?: string
  hint?: string
  detail?: string
}

export type ExplainCommand = 'SELECT' | 'UPDATE' | 'DELETE'

export interface ExplainedRow {
  key: Record<string, unknown>
  row: Record<string, unknown>
  /** What PostgreSQL did for this identity (the truth). */
  visible: boolean
  /** The simulator's reading of the policies. */
  decision: RowDecision
  policies: PolicyResult[]
  consistent: boolean
}

export interface ExplainResult {
  table: { schema: string; name: string; kind: 'table' | 'view' | 'other'; rlsEnabled: boolean; rlsForced: boolean; owner: string; primaryKey: string[] }
  identity: { role: string; appRole: string; userId: string | null }
  command: ExplainCommand
  bypass: string | null
  privilege: { granted: boolean; hint?: string }
  /** The query as the identity fails outright (e.g. a policy casts '' to uuid for anon). */
  queryError?: PgErrorInfo
  policies: PolicyWire[]
  combination: string
  rows: ExplainedRow[]
  counts: { total: number; totalIsEstimate: boolean; shown: number; visible: number; hidden: number }
  warnings: string[]
}

export interface ExplainRequest {
  schema: string
  table: string
  command?: ExplainCommand
  limit?: number
  offset?: number
  whatIf?: string[]
}

export type WriteCommand = 'INSERT' | 'UPDATE' | 'DELETE'

export interface DryRunRequest {
  schema: string
  table: string
  command: WriteCommand
  values?: Record<string, unknown> | Array<Record<string, unknown>>
  match?: Record<string, unknown>
  whatIf?: string[]
}

export interface DryRunResult {
  verdict: 'allowed' | 'refused' | 'no_rows'
  summary: string
  rowCount: number
  rows: Array<Record<string, unknown>>
  error?: PgErrorInfo
  /** For refusals and 0-row writes: per row, each relevant policy's result and the reason. */
  explanations: Array<{ row: Record<string, unknown>; policies: PolicyResult[]; reason: string }>
  warnings: string[]
}

/** An identity as compare/diff take it: a name to show and a real access token. */
export interface IdentityRef {
  label: string
  token: string
}

export type MatrixCell = { ok: true; count: number } | { ok: false; error: string }

export interface MatrixRow {
  label: string
  role: string
  select: MatrixCell
  update: MatrixCell
  delete: MatrixCell
  insert: { verdict: string; summary: string } | null
}

export interface CompareRequest {
  schema: string
  table: string
  identities: IdentityRef[]
  sampleRow?: Record<string, unknown>
  whatIf?: string[]
}

export interface DiffRequest {
  schema: string
  table: string
  a: IdentityRef
  b: IdentityRef
  whatIf?: string[]
}

export interface GridDiff {
  onlyA: Array<Record<string, unknown>>
  onlyB: Array<Record<string, unknown>>
  both: number
  errors: { a?: string; b?: string }
}

export interface AdvisorFinding {
  id: string
  kind: 'rls_off_exposed' | 'rls_on_no_policies' | 'per_row_function' | 'unindexed_policy_column' | 'definer_without_search_path' | 'policy_role_without_grant'
  severity: 'error' | 'warning' | 'info'
  title: string
  detail: string
  /** "schema.table" when the finding is about one table. */
  table?: string
  fixSql: string
}

export interface ApplyResult {
  applied: true
  migrationFile: string
}

export interface IdentityTokenResult {
  access_token: string
  expires_in: number
  claims: Record<string, unknown>
}

export interface HiddenCountResult {
  total: number
  visible: number
  hidden: number
  message?: string
  /** The read itself is refused for the identity (e.g. no GRANT): everything counts as hidden. */
  refused?: { status: number; error?: string; hint?: string }
}

export interface GuideExampleResult {
  loaded: true
  schemas: string[]
}
