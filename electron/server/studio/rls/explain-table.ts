// studio/rls/explain-table.ts — "why is this row visible or hidden?": for a table, an identity and a command, every
// row's result per applicable policy (and per top-level AND/OR part), how PostgreSQL combines them, and what
// PostgreSQL actually did, all evaluated under the identity's own role and claims (see simulation.ts).
import type { Identity } from '../../identity.js'
import { tableGrantAdvice } from '../../grant-advice.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'
import type { Simulation } from './simulation.js'
import { loadTableInfo, policiesFor, type PolicyInfo, type TableInfo } from './policy-catalog.js'
import { evaluateForRows, type Evaluation, type Tri } from './evaluate-expression.js'
import { decide, type ClauseResult, type PolicyResult, type RowDecision } from './verdict.js'
import type { ExplainCommand, ExplainedRow, ExplainResult } from '../../../../contract/rls-simulator.js'
export type { ExplainCommand, ExplainedRow, ExplainResult } from '../../../../contract/rls-simulator.js'

export interface ExplainOptions {
  schema: string
  table: string
  identity: Identity
  command?: ExplainCommand
  limit?: number
  offset?: number
}

async function fetchRows(sim: Simulation, info: TableInfo, limit: number, offset: number) {
  const order = info.primaryKey.length ? info.primaryKey.map(quoteIdent).join(', ') : 'ctid'
  const { rows } = await sim.client.query<{ ctid: string; row: Record<string, unknown> }>(
    `SELECT t.ctid::text AS ctid, to_jsonb(t.*) AS row FROM ${quoteQualified(info.schema, info.name)} AS t ORDER BY ${order} LIMIT $1 OFFSET $2`,
    [limit, offset],
  )
  return rows
}

async function countRows(sim: Simulation, info: TableInfo): Promise<{ total: number; estimate: boolean }> {
  const est = await sim.client.query<{ n: number }>(
    `SELECT c.reltuples::bigint AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND c.relname = $2`,
    [info.schema, info.name],
  )
  if (Number(est.rows[0]?.n) > 50_000) return { total: Number(est.rows[0].n), estimate: true }
  const exact = await sim.client.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${quoteQualified(info.schema, info.name)}`)
  return { total: Number(exact.rows[0].n), estimate: false }
}

/** Which of the given rows the identity's statement really reaches (by position), or the error it raises. */
async function actualReach(sim: Simulation, info: TableInfo, command: ExplainCommand, ctids: string[]) {
  const table = quoteQualified(info.schema, info.name)
  const ords = (rows: Array<{ ord: string }>) => new Set(rows.map((r) => Number(r.ord) - 1))
  if (command === 'SELECT') {
    return sim.attempt(async () =>
      ords((await sim.client.query(`SELECT x.ord FROM ${table} AS t JOIN unnest($1::tid[]) WITH ORDINALITY AS x(tid, ord) ON t.ctid = x.tid`, [ctids])).rows),
    )
  }
  if (command === 'UPDATE') {
    const col = quoteIdent(info.primaryKey[0] ?? info.columns[0].name)
    return sim.attempt(
      async () => ords((await sim.client.query(`UPDATE ${table} AS t SET ${col} = t.${col} FROM unnest($1::tid[]) WITH ORDINALITY AS x(tid, ord) WHERE t.ctid = x.tid RETURNING x.ord`, [ctids])).rows),
      { undo: true },
    )
  }
  return sim.attempt(
    async () => ords((await sim.client.query(`DELETE FROM ${table} AS t USING unnest($1::tid[]) WITH ORDINALITY AS x(tid, ord) WHERE t.ctid = x.tid RETURNING x.ord`, [ctids])).rows),
    { undo: true },
  )
}

async function evaluatePolicy(sim: Simulation, info: TableInfo, policy: PolicyInfo, rows: unknown[]): Promise<PolicyResult[]> {
  const expr = policy.using ?? 'true'
  const whole = await evaluateForRows(sim, info.schema, info.name, expr, rows)
  const parts = policy.usingClauses && policy.usingClauses.op ? policy.usingClauses : null
  // One after another: savepoints on one connection must not interleave.
  const partResults: Evaluation[] = []
  for (const part of parts?.parts ?? []) partResults.push(await evaluateForRows(sim, info.schema, info.name, part, rows))
  return rows.map((_, i) => {
    const clauses: ClauseResult[] | undefined = parts
      ? parts.parts.map((text, j) => {
          const r = partResults[j]
          return r.ok ? { text, result: r.results[i] } : { text, result: 'error' as const, error: r.error.message }
        })
      : undefined
    return {
      name: policy.name,
      kind: policy.kind,
      result: whole.ok ? (whole.results[i] as Tri) : 'error',
      ...(whole.ok ? {} : { error: whole.error.message }),
      ...(parts ? { op: parts.op!, clauses } : {}),
    }
  })
}

export async function explainTable(sim: Simulation, options: ExplainOptions): Promise<ExplainResult> {
  const command = options.command ?? 'SELECT'
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000)
  const info = await loadTableInfo(sim.client, options.schema, options.table, options.identity.dbRole)
  const fetched = await fetchRows(sim, info, limit, options.offset ?? 0)
  const { total, estimate } = await countRows(sim, info)
  const rows = fetched.map((r) => r.row)
  const governing = policiesFor(info, command)
  const applicable = governing.filter((p) => p.appliesToRole)
  const warnings: string[] = []

  const identity = options.identity
  const phase = await sim.asIdentity(identity, async () => {
    const priv = await sim.client.query<{ granted: boolean; bypass: boolean; owner: boolean }>(
      `SELECT has_table_privilege(current_user, $1::regclass, $2) AS granted,
              (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass,
              pg_has_role(current_user, $3, 'MEMBER') AS owner`,
      [quoteQualified(info.schema, info.name), command, info.owner],
    )
    const reach = await actualReach(sim, info, command, fetched.map((r) => r.ctid))
    const perPolicy: PolicyResult[][] = []
    for (const p of applicable) perPolicy.push(await evaluatePolicy(sim, info, p, rows))
    return { priv: priv.rows[0], reach, perPolicy }
  })

  const bypass = phase.priv.bypass
    ? `${identity.dbRole} has BYPASSRLS: policies are not applied`
    : phase.priv.owner && !info.rlsForced && info.rlsEnabled
      ? `${identity.dbRole} owns the table and RLS is not forced: policies are not applied to the owner`
      : null
  const privilege = phase.priv.granted
    ? { granted: true }
    : { granted: false, hint: `${identity.dbRole} lacks the ${command} privilege: ${tableGrantAdvice({ ...info, sqlName: quoteQualified(info.schema, info.name) }, [command], identity.dbRole)}` }

  const reached = phase.reach.ok ? phase.reach.value : new Set<number>()
  const explained: ExplainedRow[] = fetched.map((r, i) => {
    const policies = phase.perPolicy.map((pp) => pp[i])
    const decision: RowDecision = !privilege.granted
      ? { allowed: false, reason: `permission denied: ${privilege.hint}` }
      : decide(policies, { rlsEnabled: info.rlsEnabled, bypass, role: identity.dbRole, command, applicable })
    const visible = reached.has(i)
    const key = Object.fromEntries((info.primaryKey.length ? info.primaryKey : ['ctid']).map((k) => [k, k === 'ctid' ? r.ctid : r.row[k]]))
    return { key, row: r.row, visible, decision, policies, consistent: decision.allowed === visible }
  })

  const inconsistent = explained.filter((r) => !r.consistent).length
  if (!phase.reach.ok) warnings.push(`the ${command} as this identity fails: ${phase.reach.error.message}`)
  else if (inconsistent) warnings.push(`for ${inconsistent} row(s) the policy reading differs from what PostgreSQL did; the "visible" column is PostgreSQL's answer`)
  if (command !== 'SELECT') warnings.push(`an ${command} that reads columns (WHERE, RETURNING) also needs the row to pass the SELECT policies`)

  return {
    table: { schema: info.schema, name: info.name, kind: info.kind, rlsEnabled: info.rlsEnabled, rlsForced: info.rlsForced, owner: info.owner, primaryKey: info.primaryKey },
    identity: { role: identity.dbRole, appRole: identity.appRole, userId: identity.userId },
    command,
    bypass,
    privilege,
    ...(phase.reach.ok ? {} : { queryError: phase.reach.error }),
    policies: info.policies.map((p) => ({ ...p, appliesToCommand: governing.includes(p), evaluated: applicable.includes(p) })),
    combination: combination(applicable, bypass, info.rlsEnabled),
    rows: explained,
    counts: { total, totalIsEstimate: estimate, shown: explained.length, visible: explained.filter((r) => r.visible).length, hidden: explained.filter((r) => !r.visible).length },
    warnings,
  }
}

function combination(applicable: PolicyInfo[], bypass: string | null, rlsEnabled: boolean): string {
  // A role that bypasses RLS (or a table without it) is not "denied every row" for lack of policies.
  if (bypass) return 'none: policies are not applied to this role'
  if (!rlsEnabled) return 'none: RLS is off for this table, the grants alone decide'
  const perm = applicable.filter((p) => p.kind === 'permissive').map((p) => p.name)
  const restr = applicable.filter((p) => p.kind === 'restrictive').map((p) => p.name)
  if (!perm.length) return 'no permissive policy applies: every row is denied'
  return `(${perm.join(' OR ')})${restr.length ? ` AND ${restr.join(' AND ')}` : ''} — NULL counts as false`
}
