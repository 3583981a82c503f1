// studio/rls/evaluate-expression.ts — evaluates a policy expression (or one clause of it) for given rows, under
// whatever role and claims the simulation has set. The rows come in as JSON and are turned back into the table's
// row type, aliased with the table's own name, so unqualified and `table.column` references resolve as in the
// policy, and subqueries and functions in the expression run with the identity's own rights and RLS.
import type { Simulation, PgErrorInfo } from './simulation.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'

export type Tri = true | false | null

export type Evaluation = { ok: true; results: Tri[] } | { ok: false; error: PgErrorInfo }

export async function evaluateForRows(sim: Simulation, schema: string, table: string, expression: string, rows: unknown[]): Promise<Evaluation> {
  if (rows.length === 0) return { ok: true, results: [] }
  // The expression is the policy's own text from pg_get_expr (the database's, not the user's input).
  const sql = `SELECT ${quoteIdent(table)}.ordinality AS ord, (${expression})::boolean AS v
                 FROM ROWS FROM (jsonb_populate_recordset(NULL::${quoteQualified(schema, table)}, $1::jsonb)) WITH ORDINALITY AS ${quoteIdent(table)}
                ORDER BY 1`
  const attempt = await sim.attempt(() => sim.client.query<{ ord: string; v: boolean | null }>(sql, [JSON.stringify(rows)]))
  if (!attempt.ok) return attempt
  const results: Tri[] = new Array(rows.length).fill(null)
  for (const r of attempt.value.rows) results[Number(r.ord) - 1] = r.v
  return { ok: true, results }
}
