// project/policy-tests/run-write.ts — a write assertion (insert / update / delete is allowed or refused): the verdict
// is the statement the simulator's dry run would run (RETURNING the rows, as the API does), run as the identity
// through withIdentity on the API's pool and rolled back. When the verdict differs, or the assertion names the
// refusing policy, the simulator's dry run (in its rolled-back sandbox) supplies the explanation and the policy.
import type { Pool } from 'pg'
import type { Identity } from '../../identity.js'
import { ApiError } from '../../errors.js'
import { withIdentity } from '../../postgres/with-identity.js'
import { simulate } from '../../studio/rls/simulation.js'
import { dryRunWrite, statementFor, type DryRunOptions } from '../../studio/rls/dry-run.js'
import { explainTable } from '../../studio/rls/explain-table.js'
import type { TableInfo } from '../../studio/rls/policy-catalog.js'
import type { DryRunResult } from '../../../../contract/rls-simulator.js'
import type { WriteAssertion } from './test-file-schema.js'
import { CannotEvaluate, type Outcome } from './outcome.js'

function dryRunOptions(info: TableInfo, identity: Identity, a: WriteAssertion): DryRunOptions {
  const common = { schema: info.schema, table: info.name, identity }
  if ('insert' in a) return { ...common, command: 'INSERT', values: a.insert }
  if ('update' in a) return { ...common, command: 'UPDATE', values: a.update.set, match: a.update.where }
  return { ...common, command: 'DELETE', match: a.delete.where }
}

function describe(opts: DryRunOptions): string {
  if (opts.command === 'INSERT') return `insert ${JSON.stringify(opts.values)}`
  if (opts.command === 'UPDATE') return `update ${JSON.stringify(opts.match)} set ${JSON.stringify(opts.values)}`
  return `delete ${JSON.stringify(opts.match)}`
}

/** The policies the dry run found failing for the written rows, by their bare names (in the dry run's order). */
export function failingPolicies(dry: DryRunResult): Set<string> {
  const names = new Set<string>()
  for (const e of dry.explanations) for (const p of e.policies) if (p.result !== true) names.add(p.name.replace(/ \((WITH CHECK|USING as WITH CHECK|USING)\)$/, ''))
  return names
}

/**
 * An allowed UPDATE or DELETE that should have been refused: the dry run says only "allowed", so the simulator's
 * explain-table (for that command) says which policy let each matching row through.
 */
async function whyAllowed(admin: Pool, opts: DryRunOptions): Promise<string[]> {
  if (opts.command === 'INSERT' || !opts.match) return []
  const match = Object.entries(opts.match)
  const result = await simulate(admin, (sim) => explainTable(sim, { schema: opts.schema, table: opts.table, identity: opts.identity, command: opts.command as 'UPDATE' | 'DELETE', limit: 1000 }))
  return result.rows
    .filter((r) => r.visible && match.every(([c, v]) => String(r.row[c]) === String(v)))
    .slice(0, 5)
    .map((r) => `${opts.command} reaches ${Object.values(r.key).join(', ')}: ${r.decision.reason}`)
}

function explanationOf(dry: DryRunResult): string[] {
  const reasons = [...new Set(dry.explanations.map((e) => e.reason))]
  return [dry.summary, ...reasons.filter((r) => !dry.summary.includes(r)).slice(0, 5)]
}

export async function runWrite(pools: { api: Pool; admin: Pool }, info: TableInfo, identity: Identity, label: string, a: WriteAssertion): Promise<Outcome> {
  if (info.kind === 'other') throw new CannotEvaluate(`${info.schema}.${info.name} cannot be written`)
  if (a.by && !info.policies.some((p) => p.name === a.by)) {
    const known = info.policies.map((p) => `"${p.name}"`).join(', ') || 'none'
    throw new CannotEvaluate(`no policy "${a.by}" on ${info.schema}.${info.name} (its policies: ${known})`)
  }
  const opts = dryRunOptions(info, identity, a)
  let stmt
  try {
    stmt = statementFor(info, opts)
  } catch (err) {
    if (err instanceof ApiError) throw new CannotEvaluate(err.message)
    throw err
  }
  const verdict = await withIdentity(pools.api, identity, (c) => c.query(stmt.text, stmt.values), { rollback: true }).then(
    (r) => ({ rows: r.rowCount ?? 0, error: undefined as string | undefined }),
    (err: Error & { code?: string }) => {
      // A value that does not fit the column can never be written by anyone: the test itself is wrong.
      if (err.code && /^22/.test(err.code)) throw new CannotEvaluate(`${describe(opts)}: ${err.message}`)
      return { rows: 0, error: err.message }
    },
  )
  const allowed = !verdict.error && verdict.rows > 0
  const title = `${label} ${a.expect === 'allowed' ? 'may' : 'may not'} ${describe(opts)}${a.by ? ` (refused by ${a.by})` : ''}${a.rows !== undefined ? ` (${a.rows} rows)` : ''}`
  const happened = verdict.error ? `refused: ${verdict.error}` : allowed ? `allowed: ${verdict.rows} row${verdict.rows === 1 ? '' : 's'}` : 'refused: no row written'
  const asExpected = a.expect === 'allowed' ? allowed && (a.rows === undefined || a.rows === verdict.rows) : !allowed
  if (asExpected && !a.by) return { ok: true, title }
  const dry = await simulate(pools.admin, (sim) => dryRunWrite(sim, opts))
  if (!asExpected) {
    const explanation = [...explanationOf(dry), ...(allowed ? await whyAllowed(pools.admin, opts) : [])]
    return { ok: false, title, message: `${label} ${describe(opts)}: ${happened}, expected ${a.expect}${a.rows !== undefined ? ` (${a.rows} rows)` : ''}`, explanation }
  }
  const failing = failingPolicies(dry)
  if (failing.has(a.by!)) return { ok: true, title }
  return {
    ok: false,
    title,
    message: `${label} ${describe(opts)} is refused, but not by "${a.by}"${failing.size ? ` (failing: ${[...failing].map((n) => `"${n}"`).join(', ')})` : ''}`,
    explanation: explanationOf(dry),
  }
}
