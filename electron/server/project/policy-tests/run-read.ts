// project/policy-tests/run-read.ts — a read assertion (sees / includes / hides / count): the SELECT runs as the
// identity through withIdentity on the API's pool (rolled back), exactly as a REST read would; when it differs from
// the expectation, the RLS simulator's explain-table says why for each row that differed, in its own words.
import type { Pool } from 'pg'
import type { Identity } from '../../identity.js'
import { withIdentity } from '../../postgres/with-identity.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'
import { simulate } from '../../studio/rls/simulation.js'
import { explainTable } from '../../studio/rls/explain-table.js'
import type { TableInfo } from '../../studio/rls/policy-catalog.js'
import type { ReadAssertion } from './test-file-schema.js'
import { CannotEvaluate, type Outcome } from './outcome.js'

/** Rows are compared by their primary key as text, in key order: ["a1…"] or ["1","x"]. */
type KeyText = string

function keyColumns(info: TableInfo, what: string): string[] {
  if (!info.primaryKey.length) throw new CannotEvaluate(`${info.schema}.${info.name} has no primary key, so "${what}" cannot name rows: use count (with where)`)
  return info.primaryKey
}

function checkColumns(info: TableInfo, names: string[], what: string): void {
  const known = new Set(info.columns.map((c) => c.name))
  const unknown = names.filter((n) => !known.has(n))
  if (unknown.length) throw new CannotEvaluate(`${what}: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in ${info.schema}.${info.name}`)
}

/** `FROM table AS t, <where record> AS m WHERE t.c IS NOT DISTINCT FROM m.c …` — values typed by the table's row type. */
function fromWhere(info: TableInfo, where: Record<string, unknown> | undefined, param: number): string {
  const table = quoteQualified(info.schema, info.name)
  const cols = Object.keys(where ?? {})
  if (!cols.length) return `FROM ${table} AS t`
  return `FROM ${table} AS t, jsonb_populate_record(NULL::${table}, $${param}::jsonb) AS m WHERE ${cols.map((c) => `t.${quoteIdent(c)} IS NOT DISTINCT FROM m.${quoteIdent(c)}`).join(' AND ')}`
}

/**
 * How many rows the identity reaches: a SELECT count, or (for the compare matrix's update/delete columns) an UPDATE
 * that sets a column to itself / a DELETE, counted through RETURNING, as compare.ts runs them; always rolled back.
 */
function countSql(info: TableInfo, command: 'SELECT' | 'UPDATE' | 'DELETE', where: Record<string, unknown> | undefined): string {
  if (command === 'SELECT') return `SELECT count(*)::int AS n ${fromWhere(info, where, 1)}`
  const table = quoteQualified(info.schema, info.name)
  const cols = Object.keys(where ?? {})
  const m = `jsonb_populate_record(NULL::${table}, $1::jsonb) AS m`
  const filter = cols.length ? ` WHERE ${cols.map((c) => `t.${quoteIdent(c)} IS NOT DISTINCT FROM m.${quoteIdent(c)}`).join(' AND ')}` : ''
  const col = quoteIdent(info.primaryKey[0] ?? info.columns[0].name)
  const write =
    command === 'UPDATE'
      ? `UPDATE ${table} AS t SET ${col} = t.${col}${cols.length ? ` FROM ${m}` : ''}${filter} RETURNING 1`
      : `DELETE FROM ${table} AS t${cols.length ? ` USING ${m}` : ''}${filter} RETURNING 1`
  return `WITH w AS (${write}) SELECT count(*)::int AS n FROM w`
}

const keyExpr = (cols: string[], alias: string) => `to_jsonb(ARRAY[${cols.map((c) => `${alias}.${quoteIdent(c)}::text`).join(', ')}])::text`

/** The assertion's keys in the database's own text form, and whether each row exists (among those `where` selects). */
async function normaliseKeys(admin: Pool, info: TableInfo, cols: string[], keys: unknown[], where: Record<string, unknown> | undefined) {
  const records = keys.map((k) => {
    if (k !== null && typeof k === 'object') {
      const given = Object.keys(k)
      const missing = cols.filter((c) => !given.includes(c))
      const extra = given.filter((c) => !cols.includes(c))
      if (missing.length || extra.length) throw new CannotEvaluate(`row key ${JSON.stringify(k)} must name exactly the primary key of ${info.schema}.${info.name}: ${cols.join(', ')}`)
      return k
    }
    if (cols.length > 1) throw new CannotEvaluate(`${info.schema}.${info.name} has a primary key of ${cols.length} columns (${cols.join(', ')}): write each row as { ${cols.map((c) => `${c}: …`).join(', ')} }`)
    return { [cols[0]]: k }
  })
  const table = quoteQualified(info.schema, info.name)
  const matches = cols.map((c) => `t.${quoteIdent(c)} = x.${quoteIdent(c)}`).join(' AND ')
  const filter = Object.keys(where ?? {}).map((c) => ` AND t.${quoteIdent(c)} IS NOT DISTINCT FROM m.${quoteIdent(c)}`).join('')
  try {
    const { rows } = await admin.query<{ k: KeyText; present: boolean }>(
      `SELECT ${keyExpr(cols, 'x')} AS k, EXISTS (SELECT 1 FROM ${table} AS t, jsonb_populate_record(NULL::${table}, $2::jsonb) AS m WHERE ${matches}${filter}) AS present
         FROM ROWS FROM (jsonb_populate_recordset(NULL::${table}, $1::jsonb)) WITH ORDINALITY AS x ORDER BY x.ordinality`,
      [JSON.stringify(records), JSON.stringify(where ?? {})],
    )
    return rows
  } catch (err) {
    throw new CannotEvaluate(`the row keys do not fit ${info.schema}.${info.name}: ${(err as Error).message}`)
  }
}

/** The simulator's reading of each differing row (hidden ones first), then how the policies combine. */
async function explainRows(admin: Pool, info: TableInfo, identity: Identity, groups: Array<{ keys: KeyText[]; label: string }>): Promise<string[]> {
  const result = await simulate(admin, (sim) => explainTable(sim, { schema: info.schema, table: info.name, identity, command: 'SELECT', limit: 1000 }))
  const byKey = new Map(result.rows.map((r) => [JSON.stringify(info.primaryKey.map((c) => (r.row[c] === null ? null : String(r.row[c])))), r]))
  const lines: string[] = []
  for (const { keys, label } of groups) {
    for (const k of keys.slice(0, 10)) {
      const row = byKey.get(k)
      const shown = (JSON.parse(k) as string[]).join(', ')
      lines.push(row ? `${label} ${shown}: ${row.decision.reason}` : `${label} ${shown}: (not among the first 1000 rows the simulator explains)`)
    }
    if (keys.length > 10) lines.push(`… and ${keys.length - 10} more ${label}`)
  }
  if (result.bypass) lines.push(result.bypass)
  lines.push(`policies combine as ${result.combination}`)
  return lines
}

/**
 * The identity's SELECT through withIdentity, rolled back. A role without the SELECT privilege sees no rows (the API
 * answers with an error): that is returned as no rows plus a note, so "anon sees nothing" holds either way.
 */
async function selectAs<T>(pools: { api: Pool }, identity: Identity, sql: string, params: unknown[]): Promise<{ rows: T[]; note: string }> {
  try {
    return { rows: (await withIdentity(pools.api, identity, (c) => c.query(sql, params), { rollback: true })).rows as T[], note: '' }
  } catch (err) {
    const e = err as Error & { code?: string }
    if (e.code === '42501') return { rows: [], note: ` (${identity.dbRole} may not read the table: ${e.message})` }
    throw err
  }
}

export async function runRead(pools: { api: Pool; admin: Pool }, info: TableInfo, identity: Identity, label: string, a: ReadAssertion): Promise<Outcome> {
  checkColumns(info, Object.keys(a.where ?? {}), 'where')
  const params = a.where && Object.keys(a.where).length ? [JSON.stringify(a.where)] : []
  const scope = params.length ? ` where ${JSON.stringify(a.where)}` : ''
  if (a.count !== undefined) {
    const command = a.for === 'update' ? 'UPDATE' : a.for === 'delete' ? 'DELETE' : 'SELECT'
    const verb = command === 'SELECT' ? 'sees' : `may ${a.for}`
    const read = await selectAs<{ n: number }>(pools, identity, countSql(info, command, a.where), params)
    const n = read.rows[0]?.n ?? 0
    if (n === a.count) return { ok: true, title: `${label} ${verb} ${n} row${n === 1 ? '' : 's'}${scope}${read.note}` }
    const result = await simulate(pools.admin, (sim) => explainTable(sim, { schema: info.schema, table: info.name, identity, command, limit: 1000 }))
    const wrong = result.rows.filter((r) => r.visible === n > a.count!).slice(0, 5)
    return {
      ok: false,
      title: `${label} ${verb} ${a.count} row${a.count === 1 ? '' : 's'}${scope}`,
      message: `${label} ${verb} ${n} row${n === 1 ? '' : 's'}${scope}, expected ${a.count}`,
      explanation: [...wrong.map((r) => `${r.visible ? 'visible' : 'hidden'} ${Object.values(r.key).join(', ')}: ${r.decision.reason}`), `policies combine as ${result.combination}`],
    }
  }
  const kind = a.sees ? 'sees' : a.includes ? 'includes' : 'hides'
  const cols = keyColumns(info, kind)
  const expected = await normaliseKeys(pools.admin, info, cols, (a.sees ?? a.includes ?? a.hides)!, a.where)
  const absent = expected.filter((e) => !e.present).map((e) => (JSON.parse(e.k) as string[]).join(', '))
  if (absent.length) throw new CannotEvaluate(`no row ${absent.join('; ')} in ${info.schema}.${info.name}${scope} (as the superuser sees it), so "${kind}" ${kind === 'hides' ? 'proves nothing' : 'can never hold'}`)
  const sql = `SELECT ${keyExpr(cols, 't')} AS k ${fromWhere(info, a.where, 1)}`
  const read = await selectAs<{ k: KeyText }>(pools, identity, sql, params)
  const seen = new Set(read.rows.map((r) => r.k))
  const want = new Set(expected.map((e) => e.k))
  const shown = (keys: Iterable<KeyText>) => [...keys].map((k) => (JSON.parse(k) as string[]).join(', ')).join('; ')
  const title = kind === 'sees' ? `${label} sees exactly ${want.size ? shown(want) : 'no rows'}${scope}` : `${label} ${kind === 'includes' ? 'sees' : 'does not see'} ${shown(want)}`
  const missing = kind === 'hides' ? [] : [...want].filter((k) => !seen.has(k))
  const extra = kind === 'hides' ? [...want].filter((k) => seen.has(k)) : kind === 'sees' ? [...seen].filter((k) => !want.has(k)) : []
  if (!missing.length && !extra.length) return { ok: true, title: title + read.note }
  const parts = [missing.length ? `does not see ${shown(missing)}` : '', extra.length ? `sees ${shown(extra)}, which it should not` : ''].filter(Boolean)
  return {
    ok: false,
    title,
    message: `${label} ${parts.join(' and ')}${read.note}`,
    explanation: await explainRows(pools.admin, info, identity, [
      { keys: missing, label: 'hidden' },
      { keys: extra, label: 'visible' },
    ]),
  }
}
