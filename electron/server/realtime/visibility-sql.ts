// realtime/visibility-sql.ts — table + the SELECT policies that apply to a role → one statement that says which of a
// batch of change rows that role may see. Pure. The rows are parameters; the policy expressions are the catalog's own
// deparsed text (pg_get_expr), written by the database owner, never by an API caller.
//
// Why not ask the table itself (`SELECT … WHERE pk = ANY($1)`)? A DELETEd row is gone, and an UPDATEd row may have
// moved on since: evaluating the policies against the row exactly as the change carried it answers "could this
// identity see this version of the row", for every event type alike, in one round trip per batch.
import { quoteIdent, quoteQualified } from '../postgres/quote-ident.js'

export interface TablePolicies {
  relationOid: number
  schema: string
  table: string
  /** relrowsecurity: without it, the SELECT privilege alone decides. */
  rowSecurity: boolean
  /** USING expressions of permissive SELECT/ALL policies that apply to the role (OR-ed). */
  permissive: string[]
  /** USING expressions of restrictive ones (AND-ed). */
  restrictive: string[]
}

// Names no user column or policy is likely to use: a policy's bare column names must resolve to the row alone.
const SRC = '"_fluxbase_rt"'
const VAL = '"_fluxbase_rt_val"'
const ORD = '"_fluxbase_rt_ord"'

/**
 * $1: jsonb array of rows (as the change carried them), $2: the table's oid. Returns the 1-based positions visible.
 * The row is aliased with the table's own name, so policies written as `posts.owner = auth.uid()` resolve too.
 */
export function buildVisibilitySql(t: TablePolicies): string {
  const conditions = ['has_table_privilege($2::oid, \'SELECT\')']
  if (t.rowSecurity) {
    // No permissive policy for the role means RLS's default deny.
    conditions.push(t.permissive.length ? `(${t.permissive.map((q) => `(${q})`).join(' OR ')})` : 'false')
    for (const q of t.restrictive) conditions.push(`(${q})`)
  }
  const rel = quoteQualified(t.schema, t.table)
  return (
    `SELECT ${SRC}.${ORD} AS ord FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS ${SRC}(${VAL}, ${ORD}) ` +
    `CROSS JOIN LATERAL jsonb_populate_record(NULL::${rel}, ${SRC}.${VAL}) AS ${quoteIdent(t.table)} ` +
    `WHERE ${conditions.join(' AND ')}`
  )
}
