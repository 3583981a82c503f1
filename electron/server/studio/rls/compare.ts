// studio/rls/compare.ts — several identities side by side on one table: a matrix of what each may do (rows it can
// select, update and delete, and whether a sample insert would pass), and a diff of the rows two identities see.
// Every cell is a real statement as that identity inside the rolled-back simulation.
import type { Identity } from '../../identity.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'
import type { Simulation } from './simulation.js'
import { loadTableInfo } from './policy-catalog.js'
import { dryRunWrite } from './dry-run.js'
import type { MatrixCell as Cell, MatrixRow, GridDiff } from '../../../../contract/rls-simulator.js'

export interface LabelledIdentity {
  label: string
  identity: Identity
}

export async function compareMatrix(sim: Simulation, schema: string, table: string, identities: LabelledIdentity[], sampleRow?: Record<string, unknown>): Promise<MatrixRow[]> {
  const info = await loadTableInfo(sim.client, schema, table, 'anon')
  const t = quoteQualified(schema, table)
  const col = quoteIdent(info.primaryKey[0] ?? info.columns[0].name)
  const count = async (sql: string): Promise<Cell> => {
    const r = await sim.attempt(() => sim.client.query<{ n: string }>(sql), { undo: true })
    return r.ok ? { ok: true, count: Number(r.value.rows[0]?.n ?? r.value.rowCount ?? 0) } : { ok: false, error: r.error.message }
  }
  const out: MatrixRow[] = []
  for (const { label, identity } of identities) {
    const cells = await sim.asIdentity(identity, async () => ({
      select: await count(`SELECT count(*) AS n FROM ${t}`),
      update: await count(`WITH u AS (UPDATE ${t} AS x SET ${col} = x.${col} RETURNING 1) SELECT count(*) AS n FROM u`),
      delete: await count(`WITH d AS (DELETE FROM ${t} RETURNING 1) SELECT count(*) AS n FROM d`),
    }))
    const insert = sampleRow ? await dryRunWrite(sim, { schema, table, identity, command: 'INSERT', values: sampleRow }) : null
    out.push({ label, role: identity.dbRole, ...cells, insert: insert && { verdict: insert.verdict, summary: insert.summary } })
  }
  return out
}

export async function diffVisibleRows(sim: Simulation, schema: string, table: string, a: Identity, b: Identity, limit = 500): Promise<GridDiff> {
  const t = quoteQualified(schema, table)
  const visible = async (identity: Identity) =>
    sim.asIdentity(identity, () => sim.attempt(async () => new Set((await sim.client.query<{ c: string }>(`SELECT ctid::text AS c FROM ${t}`)).rows.map((r) => r.c))))
  const [va, vb] = [await visible(a), await visible(b)]
  const sa = va.ok ? va.value : new Set<string>()
  const sb = vb.ok ? vb.value : new Set<string>()
  const onlyA = [...sa].filter((c) => !sb.has(c)).slice(0, limit)
  const onlyB = [...sb].filter((c) => !sa.has(c)).slice(0, limit)
  const rowsOf = async (ctids: string[]) =>
    ctids.length ? (await sim.client.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(x.*) AS row FROM ${t} AS x WHERE x.ctid = ANY($1::tid[])`, [ctids])).rows.map((r) => r.row) : []
  return {
    onlyA: await rowsOf(onlyA),
    onlyB: await rowsOf(onlyB),
    both: [...sa].filter((c) => sb.has(c)).length,
    errors: { ...(va.ok ? {} : { a: va.error.message }), ...(vb.ok ? {} : { b: vb.error.message }) },
  }
}
