// project/policy-tests/draft-assertions.ts — "Save as test": what the RLS simulator shows (an explanation, a dry
// run, the compare matrix, or that matrix for every user of the seed) turned into test-file assertions. The
// simulator is run again here, as the identity the test will name, so the draft states what is true now; the
// studio shows the draft's text and appends it with append-test-file.ts.
import type { Pool } from 'pg'
import { ApiError } from '../../errors.js'
import { simulate, type Simulation } from '../../studio/rls/simulation.js'
import { explainTable } from '../../studio/rls/explain-table.js'
import { dryRunWrite, type WriteCommand } from '../../studio/rls/dry-run.js'
import { compareMatrix } from '../../studio/rls/compare.js'
import type { Identity } from '../../identity.js'
import type { DryRunResult, MatrixCell } from '../../../../contract/rls-simulator.js'
import { identityResolver } from './resolve-identities.js'
import { failingPolicies } from './run-write.js'
import type { Assertion, IdentitySpec } from './test-file-schema.js'

/** An identity as a test file names it: the spec and the name the assertions use. */
export interface NamedIdentity {
  name: string
  spec: IdentitySpec
}

export interface Draft {
  /** schema.table, as the file's `tables` key. */
  table: string
  identities: NamedIdentity[]
  assertions: Assertion[]
  /** What could not be written as an assertion (e.g. a matrix cell that failed with an error). */
  skipped: string[]
}

export type DraftRequest =
  | { from: 'explain'; schema: string; table: string; as: IdentitySpec; name?: string }
  | { from: 'dry-run'; schema: string; table: string; as: IdentitySpec; name?: string; command: WriteCommand; values?: Record<string, unknown> | Array<Record<string, unknown>>; match?: Record<string, unknown> }
  | { from: 'compare'; schema: string; table: string; identities: Array<{ as: IdentitySpec; name?: string }>; sampleRow?: Record<string, unknown> }
  | { from: 'table'; schema: string; table: string; sampleRow?: Record<string, unknown> }

/** How many seed users "Generate tests for this table" takes (the compare matrix shows at most 12 identities). */
const MAX_SEED_USERS = 12
const EXPLAIN_LIMIT = 1000

/** A name for the identity in the file: given, else the email's local part, the built-in name, or the claims' role. */
export function defaultName(spec: IdentitySpec): string {
  if (typeof spec === 'string') return spec
  const raw = 'email' in spec ? spec.email.split('@')[0] : `${String(spec.claims.role)}_claims`
  return raw.replace(/[^A-Za-z0-9_-]+/g, '_') || 'user'
}

function tableKey(schema: string, table: string): string {
  return `${schema}.${table}`
}

type KeyValue = string | number | boolean | null | Record<string, string | number | boolean | null>

/** A row's key as the file writes it: the value for a one-column key, column → value otherwise. */
function keyOf(key: Record<string, unknown>, primaryKey: string[]): KeyValue {
  const scalar = (v: unknown) => (v === null || ['string', 'number', 'boolean'].includes(typeof v) ? (v as string | number | boolean | null) : JSON.stringify(v))
  if (primaryKey.length === 1) return scalar(key[primaryKey[0]])
  return Object.fromEntries(primaryKey.map((c) => [c, scalar(key[c])]))
}

async function resolveAll(admin: Pool, wanted: Array<{ as: IdentitySpec; name?: string }>): Promise<Array<NamedIdentity & { identity: Identity }>> {
  const resolve = identityResolver(admin)
  const used = new Set<string>()
  const out: Array<NamedIdentity & { identity: Identity }> = []
  for (const w of wanted) {
    const r = await resolve(w.as)
    if (!r.ok) throw new ApiError(400, 'UNKNOWN_IDENTITY', r.message)
    let name = w.name ?? defaultName(w.as)
    for (let i = 2; used.has(name); i++) name = `${w.name ?? defaultName(w.as)}_${i}`
    used.add(name)
    out.push({ name, spec: w.as, identity: r.identity })
  }
  return out
}

/**
 * "as sees these rows and not those": exact rows when the simulator explained them all, else includes + hides. A
 * table without a primary key, or one whose rows the identity cannot read whole (e.g. a grant on some columns
 * only), is written as the count a SELECT as the identity returns (the compare matrix's cell).
 */
async function readAssertions(sim: Simulation, schema: string, table: string, who: NamedIdentity & { identity: Identity }, skipped: string[]): Promise<Assertion[]> {
  const result = await explainTable(sim, { schema, table, identity: who.identity, command: 'SELECT', limit: EXPLAIN_LIMIT, offset: 0 })
  const pk = result.table.primaryKey
  if (!pk.length || result.queryError) {
    const [row] = await compareMatrix(sim, schema, table, [{ label: who.name, identity: who.identity }])
    const a = cellAssertion(who.name, row.select, 'select', skipped)
    return a ? [a] : []
  }
  const visible = result.rows.filter((r) => r.visible).map((r) => keyOf(r.key, pk))
  const hidden = result.rows.filter((r) => !r.visible).map((r) => keyOf(r.key, pk))
  if (result.counts.total <= result.counts.shown && !result.counts.totalIsEstimate) return [{ as: who.name, sees: visible }]
  const out: Assertion[] = []
  if (visible.length) out.push({ as: who.name, includes: visible })
  if (hidden.length) out.push({ as: who.name, hides: hidden })
  return out
}

function writeAssertion(as: string, command: WriteCommand, values: DraftRequest & { from: 'dry-run' }, dry: DryRunResult): Assertion {
  const allowed = dry.verdict === 'allowed'
  const [by] = failingPolicies(dry)
  const verdict = allowed
    ? { expect: 'allowed' as const, ...(command === 'INSERT' ? {} : { rows: dry.rowCount }) }
    : { expect: 'refused' as const, ...(by ? { by } : {}) }
  if (command === 'INSERT') return { as, insert: values.values ?? {}, ...verdict }
  if (command === 'UPDATE') return { as, update: { where: values.match ?? {}, set: (Array.isArray(values.values) ? values.values[0] : values.values) ?? {} }, ...verdict }
  return { as, delete: { where: values.match ?? {} }, ...verdict }
}

/** A matrix cell → `count` (for update/delete); a cell refused for want of a privilege counts 0, as the runner reads it. */
function cellAssertion(as: string, cell: MatrixCell, what: 'select' | 'update' | 'delete', skipped: string[]): Assertion | null {
  const count = cell.ok ? cell.count : /permission denied/i.test(cell.error) ? 0 : null
  if (count === null) {
    skipped.push(`${as} ${what}: ${(cell as { error: string }).error}`)
    return null
  }
  return what === 'select' ? { as, count } : { as, for: what, count }
}

async function matrixAssertions(sim: Simulation, req: { schema: string; table: string; sampleRow?: Record<string, unknown> }, who: Array<NamedIdentity & { identity: Identity }>, skipped: string[], withRows: boolean): Promise<Assertion[]> {
  const matrix = await compareMatrix(sim, req.schema, req.table, who.map((w) => ({ label: w.name, identity: w.identity })), req.sampleRow)
  const out: Assertion[] = []
  for (const [i, row] of matrix.entries()) {
    const reads = withRows ? await readAssertions(sim, req.schema, req.table, who[i], skipped) : [cellAssertion(row.label, row.select, 'select', skipped)]
    for (const a of [...reads, cellAssertion(row.label, row.update, 'update', skipped), cellAssertion(row.label, row.delete, 'delete', skipped)]) if (a) out.push(a)
    if (row.insert && req.sampleRow) out.push({ as: row.label, insert: req.sampleRow, expect: row.insert.verdict === 'allowed' ? 'allowed' : 'refused' })
  }
  return out
}

/** The seed's people (auth.users, by email) plus anon: who "Generate tests for this table" writes expectations for. */
async function seedIdentities(admin: Pool): Promise<Array<{ as: IdentitySpec }>> {
  const { rows } = await admin.query<{ email: string }>('SELECT email FROM auth.users WHERE email IS NOT NULL ORDER BY email LIMIT $1', [MAX_SEED_USERS])
  return [{ as: 'anon' }, ...rows.map((r) => ({ as: { email: r.email } }))]
}

export async function draftAssertions(admin: Pool, req: DraftRequest): Promise<Draft> {
  const skipped: string[] = []
  const table = tableKey(req.schema, req.table)
  const wanted = req.from === 'explain' || req.from === 'dry-run' ? [{ as: req.as, name: req.name }] : req.from === 'compare' ? req.identities : await seedIdentities(admin)
  const who = await resolveAll(admin, wanted)
  const assertions = await simulate(admin, async (sim) => {
    if (req.from === 'explain') return readAssertions(sim, req.schema, req.table, who[0], skipped)
    if (req.from === 'dry-run') {
      const dry = await dryRunWrite(sim, { schema: req.schema, table: req.table, identity: who[0].identity, command: req.command, values: req.values, match: req.match })
      return [writeAssertion(who[0].name, req.command, req, dry)]
    }
    return matrixAssertions(sim, req, who, skipped, req.from === 'table')
  })
  return { table, identities: who.map(({ name, spec }) => ({ name, spec })), assertions, skipped }
}
