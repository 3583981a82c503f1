// renderer/src/api/rls-api.ts — the RLS simulator's calls: explain, dry-run, compare, diff (all as the active
// identity, with an optional what-if that the server rolls back), the advisor and apply (which commit), the guide
// example, the silent-filter hint, and the table list the simulator's picker shows.
import type {
  AdvisorFinding,
  ApplyResult,
  CompareRequest,
  DiffRequest,
  DryRunRequest,
  DryRunResult,
  ExplainRequest,
  ExplainResult,
  GridDiff,
  GuideExampleResult,
  HiddenCountResult,
  MatrixRow,
} from '../../../contract/rls-simulator'
import { studioCall } from './studio-api'

export interface TableSummary {
  schema: string
  name: string
  kind: string
  rls_enabled: boolean
  policy_count: number
  estimated_rows: number | null
}

export async function listTables(signal?: AbortSignal): Promise<TableSummary[]> {
  return (await studioCall<{ tables: TableSummary[] }>('/studio/api/meta/tables', { signal, asIdentity: false })).tables
}

export function explainTable(request: ExplainRequest, signal?: AbortSignal): Promise<ExplainResult> {
  return studioCall<ExplainResult>('/studio/api/rls/explain', { body: request, signal })
}

export function dryRunWrite(request: DryRunRequest, signal?: AbortSignal): Promise<DryRunResult> {
  return studioCall<DryRunResult>('/studio/api/rls/dry-run', { body: request, signal })
}

/** Identities travel in the body (each with its own token), so the active identity is not sent. */
export async function compareIdentities(request: CompareRequest, signal?: AbortSignal): Promise<MatrixRow[]> {
  return (await studioCall<{ matrix: MatrixRow[] }>('/studio/api/rls/compare', { body: request, signal, asIdentity: false })).matrix
}

export function diffIdentities(request: DiffRequest, signal?: AbortSignal): Promise<GridDiff> {
  return studioCall<GridDiff>('/studio/api/rls/diff', { body: request, signal, asIdentity: false })
}

export async function advisorFindings(signal?: AbortSignal): Promise<AdvisorFinding[]> {
  return (await studioCall<{ findings: AdvisorFinding[] }>('/studio/api/rls/advisor', { signal, asIdentity: false })).findings
}

/** Commits `sql` and appends it to a migration file in the project folder. */
export function applySql(sql: string, name: string): Promise<ApplyResult> {
  return studioCall<ApplyResult>('/studio/api/rls/apply', { body: { sql, name }, asIdentity: false })
}

export function loadGuideExample(): Promise<GuideExampleResult> {
  return studioCall<GuideExampleResult>('/studio/api/examples/guide-rls', { body: {}, asIdentity: false })
}

/** How many rows RLS hid from one app read (`path` = /api/v1/tables/…), as the identity whose token is given. */
export function hiddenCount(path: string, identityToken: string, signal?: AbortSignal): Promise<HiddenCountResult> {
  return studioCall<HiddenCountResult>('/studio/api/rls/hidden-count', { body: { path }, signal, asIdentity: false, headers: { 'X-Studio-Identity': identityToken } })
}

export interface ColumnSummary {
  name: string
  type: string
  nullable: boolean
  default_value: string | null
  identity: string | null
  generated: string | null
  primary_key: boolean
}

export interface PolicySummary {
  name: string
  kind: 'permissive' | 'restrictive'
  command: string
  roles: string[]
  using_expression: string | null
  check_expression: string | null
}

/** A table's columns and policies, for the dry-run form's templates and its explanations. */
export async function tableMeta(schema: string, table: string, signal?: AbortSignal): Promise<{ columns: ColumnSummary[]; policies: PolicySummary[]; rls: { enabled: boolean } }> {
  const path = `/studio/api/meta/tables/${encodeURIComponent(schema)}/${encodeURIComponent(table)}`
  return studioCall<{ columns: ColumnSummary[]; policies: PolicySummary[]; rls: { enabled: boolean } }>(path, { signal, asIdentity: false })
}
