// studio/rls/dry-run.ts — "would this write work for this identity, and if not, why?": the INSERT, UPDATE or
// DELETE runs as the identity inside the simulation (always rolled back), the way the API runs it (RETURNING *).
// A refusal is traced to the WITH CHECK (or USING) part that failed; an UPDATE or DELETE that silently touches
// nothing is traced to the USING that hid the matching rows.
import type { Identity } from '../../identity.js'
import { tableGrantAdvice } from '../../grant-advice.js'
import { ApiError } from '../../errors.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'
import type { Simulation, PgErrorInfo } from './simulation.js'
import { loadTableInfo, policiesFor, type PolicyInfo, type TableInfo } from './policy-catalog.js'
import { evaluateForRows, type Evaluation, type Tri } from './evaluate-expression.js'
import { decide, type ClauseResult, type PolicyResult } from './verdict.js'
import type { WriteCommand, DryRunResult } from '../../../../contract/rls-simulator.js'
export type { WriteCommand, DryRunResult } from '../../../../contract/rls-simulator.js'

export interface DryRunOptions {
  schema: string
  table: string
  identity: Identity
  command: WriteCommand
  /** INSERT: the row(s) to insert. UPDATE: the new values (SET). */
  values?: Record<string, unknown> | Array<Record<string, unknown>>
  /** UPDATE / DELETE: which rows (column = value for each key). */
  match?: Record<string, unknown>
}

const NON_TRANSACTIONAL = 'A dry run is rolled back, but sequences still advance (nextval is not undone) and effects outside the database (e.g. dblink) still happen.'

function checkColumns(info: TableInfo, names: string[], what: string): void {
  const known = new Set(info.columns.map((c) => c.name))
  const unknown = names.filter((n) => !known.has(n))
  if (unknown.length) throw new ApiError(400, 'UNKNOWN_COLUMN', `${what}: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in ${info.schema}.${info.name}`)
}

/** The write as the API would run it (RETURNING the rows); also the policy tests' verdict statement. */
export function statementFor(info: TableInfo, opts: DryRunOptions): { text: string; values: unknown[] } {
  const table = quoteQualified(info.schema, info.name)
  const type = `NULL::${table}`
  if (opts.command === 'INSERT') {
    const rows = Array.isArray(opts.values) ? opts.values : opts.values ? [opts.values] : []
    if (!rows.length) throw new ApiError(400, 'INVALID_BODY', 'an INSERT dry run needs values: an object or an array of objects')
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))]
    checkColumns(info, cols, 'values')
    const list = cols.map(quoteIdent).join(', ')
    const from = cols.map((c) => `r.${quoteIdent(c)}`).join(', ')
    return {
      text: cols.length
        ? `INSERT INTO ${table} AS t (${list}) SELECT ${from} FROM jsonb_populate_recordset(${type}, $1::jsonb) AS r RETURNING to_jsonb(t.*) AS row`
        : `INSERT INTO ${table} AS t DEFAULT VALUES RETURNING to_jsonb(t.*) AS row`,
      values: cols.length ? [JSON.stringify(rows)] : [],
    }
  }
  const match = opts.match ?? {}
  const keys = Object.keys(match)
  if (!keys.length) throw new ApiError(400, 'FILTER_REQUIRED', `an ${opts.command} dry run needs match: the column values of the rows to change (e.g. their primary key)`)
  checkColumns(info, keys, 'match')
  const where = keys.map((k) => `t.${quoteIdent(k)} = m.${quoteIdent(k)}`).join(' AND ')
  if (opts.command === 'DELETE') {
    return { text: `DELETE FROM ${table} AS t USING jsonb_populate_record(${type}, $1::jsonb) AS m WHERE ${where} RETURNING to_jsonb(t.*) AS row`, values: [JSON.stringify(match)] }
  }
  const set = (Array.isArray(opts.values) ? opts.values[0] : opts.values) ?? {}
  const setCols = Object.keys(set)
  if (!setCols.length) throw new ApiError(400, 'INVALID_BODY', 'an UPDATE dry run needs values: the columns to set')
  checkColumns(info, setCols, 'values')
  const assignments = setCols.map((c) => `${quoteIdent(c)} = s.${quoteIdent(c)}`).join(', ')
  return {
    text: `UPDATE ${table} AS t SET ${assignments} FROM jsonb_populate_record(${type}, $1::jsonb) AS s, jsonb_populate_record(${type}, $2::jsonb) AS m WHERE ${where} RETURNING to_jsonb(t.*) AS row`,
    values: [JSON.stringify(set), JSON.stringify(match)],
  }
}

async function evaluate(sim: Simulation, info: TableInfo, policy: PolicyInfo, which: 'using' | 'check', rows: unknown[]): Promise<PolicyResult[]> {
  const expr = which === 'check' ? (policy.check ?? policy.using ?? 'true') : (policy.using ?? 'true')
  const split = which === 'check' ? (policy.check ? policy.checkClauses : policy.usingClauses) : policy.usingClauses
  const whole = await evaluateForRows(sim, info.schema, info.name, expr, rows)
  const parts: Evaluation[] = []
  if (split?.op) for (const p of split.parts) parts.push(await evaluateForRows(sim, info.schema, info.name, p, rows))
  return rows.map((_, i) => ({
    name: `${policy.name} (${which === 'check' ? (policy.check ? 'WITH CHECK' : 'USING as WITH CHECK') : 'USING'})`,
    kind: policy.kind,
    result: whole.ok ? (whole.results[i] as Tri) : 'error',
    ...(whole.ok ? {} : { error: whole.error.message }),
    ...(split?.op
      ? {
          op: split.op,
          clauses: split.parts.map((text, j): ClauseResult => (parts[j].ok ? { text, result: (parts[j] as { results: Tri[] }).results[i] } : { text, result: 'error', error: (parts[j] as { error: PgErrorInfo }).error.message })),
        }
      : {}),
  }))
}

async function explainRows(sim: Simulation, info: TableInfo, identity: Identity, command: 'INSERT' | 'UPDATE' | 'DELETE' | 'SELECT', which: 'using' | 'check', rows: Array<Record<string, unknown>>) {
  const applicable = policiesFor(info, command).filter((p) => p.appliesToRole)
  const per: PolicyResult[][] = []
  await sim.asIdentity(identity, async () => {
    for (const p of applicable) per.push(await evaluate(sim, info, p, which, rows))
  })
  return rows.map((row, i) => {
    const policies = per.map((pp) => pp[i])
    const d = decide(policies, { rlsEnabled: info.rlsEnabled, bypass: null, role: identity.dbRole, command, applicable })
    return { row, policies, allowed: d.allowed, reason: d.reason }
  })
}

export async function dryRunWrite(sim: Simulation, opts: DryRunOptions): Promise<DryRunResult> {
  const info = await loadTableInfo(sim.client, opts.schema, opts.table, opts.identity.dbRole)
  if (info.kind === 'other') throw new ApiError(400, 'NOT_A_TABLE', `${opts.schema}.${opts.table} cannot be written`)
  const stmt = statementFor(info, opts)
  const warnings = [NON_TRANSACTIONAL]
  const asIdentity = await sim.asIdentity(opts.identity, () => sim.attempt(() => sim.client.query<{ row: Record<string, unknown> }>(stmt.text, stmt.values), { undo: true }))

  if (asIdentity.ok && asIdentity.value.rows.length) {
    const n = asIdentity.value.rows.length
    return { verdict: 'allowed', summary: `allowed: ${n} row${n === 1 ? '' : 's'} would be ${pastTense(opts.command)}`, rowCount: n, rows: asIdentity.value.rows.map((r) => r.row), explanations: [], warnings }
  }

  // What the same statement does for the superuser: the rows it would reach, with defaults and triggers applied.
  const asSuperuser = await sim.attempt(() => sim.client.query<{ row: Record<string, unknown> }>(stmt.text, stmt.values), { undo: true })
  const wouldBe = asSuperuser.ok ? asSuperuser.value.rows.map((r) => r.row) : []

  if (asIdentity.ok) {
    // 0 rows: either nothing matches at all, or RLS (USING) hid every matching row.
    if (!wouldBe.length) return { verdict: 'no_rows', summary: `0 rows: no row of ${info.schema}.${info.name} matches ${JSON.stringify(opts.match)}`, rowCount: 0, rows: [], explanations: [], warnings }
    const existing = await existingRows(sim, info, opts.match ?? {})
    const explained = await explainRows(sim, info, opts.identity, opts.command, 'using', existing)
    const names = policiesFor(info, opts.command).filter((p) => p.appliesToRole).map((p) => p.name)
    // Rows the command's USING lets through were hidden by the SELECT policies, which an UPDATE or DELETE that
    // filters (WHERE) or returns rows (RETURNING *, as the API does) must pass too.
    const passedUsing = explained.filter((e) => e.allowed)
    const reads = passedUsing.length ? await explainRows(sim, info, opts.identity, 'SELECT', 'using', passedUsing.map((e) => e.row)) : []
    const readReason = new Map(reads.map((r) => [r.row, r.reason]))
    const explanations = explained.map(({ row, policies, reason, allowed }) =>
      allowed
        ? { row, policies, reason: `${opts.command} USING passes (${reason.replace(/^allowed by /, '')}), but the row must also be readable: SELECT policies ${readReason.get(row)?.replace(/^hidden: /, '') ?? 'hide it'}` }
        : { row, policies, reason },
    )
    const n = existing.length
    const what = passedUsing.length === n && n > 0
      ? `the SELECT policies hid ${n === 1 ? 'it' : 'them'} (an ${opts.command} must also see the rows it changes)`
      : names.length
        ? `USING of ${names.join(', ')} hid ${n === 1 ? 'it' : 'them'}`
        : `no ${opts.command} policy applies to ${opts.identity.dbRole}`
    return { verdict: 'no_rows', summary: `0 rows: ${n} row${n === 1 ? '' : 's'} match${n === 1 ? 'es' : ''}, but ${what}`, rowCount: 0, rows: [], explanations, warnings }
  }

  const error = asIdentity.error
  if (error.code === '42501' && /row-level security/.test(error.message) && wouldBe.length) {
    const checks = await explainRows(sim, info, opts.identity, opts.command === 'DELETE' ? 'DELETE' : (opts.command as 'INSERT' | 'UPDATE'), 'check', wouldBe)
    const failing = checks.filter((c) => !c.allowed)
    if (failing.length) {
      return { verdict: 'refused', summary: `refused: ${failing[0].reason.replace(/^hidden: /, '')}`, rowCount: 0, rows: [], error, explanations: checks.map(({ row, policies, reason }) => ({ row, policies, reason })), warnings }
    }
    // WITH CHECK passes: the API's RETURNING * needs the new row to be readable too.
    const reads = await explainRows(sim, info, opts.identity, 'SELECT', 'using', wouldBe)
    const unreadable = reads.filter((r) => !r.allowed)
    if (unreadable.length) {
      return {
        verdict: 'refused',
        summary: `refused: the WITH CHECK policies pass, but the API returns the written row (RETURNING *) and the SELECT policies hide it — ${unreadable[0].reason}`,
        rowCount: 0,
        rows: [],
        error,
        explanations: reads.map(({ row, policies, reason }) => ({ row, policies, reason })),
        warnings,
      }
    }
  }
  const hint = error.code === '42501' && /permission denied/.test(error.message)
    ? ` — ${tableGrantAdvice({ ...info, sqlName: quoteQualified(info.schema, info.name) }, [opts.command], opts.identity.dbRole)}`
    : ''
  return { verdict: 'refused', summary: `refused: ${error.message}${hint}`, rowCount: 0, rows: [], error, explanations: [], warnings }
}

async function existingRows(sim: Simulation, info: TableInfo, match: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const table = quoteQualified(info.schema, info.name)
  const where = Object.keys(match).map((k) => `t.${quoteIdent(k)} = m.${quoteIdent(k)}`).join(' AND ')
  const { rows } = await sim.client.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(t.*) AS row FROM ${table} AS t, jsonb_populate_record(NULL::${table}, $1::jsonb) AS m WHERE ${where} LIMIT 100`,
    [JSON.stringify(match)],
  )
  return rows.map((r) => r.row)
}

function pastTense(command: WriteCommand): string {
  return command === 'INSERT' ? 'inserted' : command === 'UPDATE' ? 'updated' : 'deleted'
}
