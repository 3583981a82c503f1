// rest/sql/build-write.ts — WritePlan → one statement. The whole body is ONE json parameter expanded by
// json_populate_recordset, so a 1-row and a 1,000-row insert share a prepared statement. Returned rows go through
// the same select builder as reads, over the writable CTE `_w`.
import type { Column } from '../schema/schema-types.js'
import type { DeletePlan, InsertPlan, UpdatePlan, WritePlan, WriteReturn } from '../plan/plan-types.js'
import { whereClause } from './build-condition.js'
import { assemble, nodeParts } from './build-node.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'
import { Params, type Sql } from './sql-params.js'

function wrapReturning(write: string, target: string, ret: WriteReturn, params: Params): string {
  if (ret.mode === 'none' || !ret.node) return write
  const inner = assemble(nodeParts(ret.node, params))
  return `WITH _w AS (${write} RETURNING ${target}.*) SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, NULL::int8 AS total FROM (${inner}) AS _r`
}

/** Prefer: missing=default — a key absent from a row takes the column's default (catalog expression), not NULL. */
function valueOrDefault(c: Column, rel: InsertPlan['relation'], params: Params): string {
  const present = `_j.o ? ${params.add(c.name)}`
  let fallback = 'NULL'
  // Column defaults are catalog text (pg_get_expr), written by the developer's own DDL, as PostgREST uses them.
  if (c.defaultExpr) fallback = c.defaultExpr
  else if (c.identity) fallback = `nextval(pg_get_serial_sequence(${params.add(quoteQualified(rel.schema, rel.name))}, ${params.add(c.name)})::regclass)`
  return `CASE WHEN ${present} THEN _v.${quoteIdent(c.name)} ELSE ${fallback} END`
}

export function buildInsert(plan: InsertPlan): Sql {
  const params = new Params()
  const rel = plan.relation
  const table = quoteQualified(rel.schema, rel.name)
  let write: string
  if (!plan.columns.length) {
    write = `INSERT INTO ${table} AS _i DEFAULT VALUES`
  } else {
    const rows = params.add(plan.rows)
    const cols = plan.columns.map((c) => quoteIdent(c.name)).join(', ')
    const source = plan.missingDefault
      ? `SELECT ${plan.columns.map((c) => valueOrDefault(c, rel, params)).join(', ')} FROM jsonb_array_elements(${rows}::jsonb) AS _j(o) CROSS JOIN LATERAL jsonb_populate_record(NULL::${table}, _j.o) AS _v`
      : `SELECT ${plan.columns.map((c) => `_v.${quoteIdent(c.name)}`).join(', ')} FROM json_populate_recordset(NULL::${table}, ${rows}::json) AS _v`
    write = `INSERT INTO ${table} AS _i (${cols}) ${source}`
  }
  if (plan.onConflict) {
    const target = plan.onConflict.columns.map(quoteIdent).join(', ')
    if (plan.onConflict.action === 'ignore') {
      write += ` ON CONFLICT (${target}) DO NOTHING`
    } else {
      // With nothing else to set, "update" the key to itself: the row is still returned and UPDATE policies apply.
      const set = plan.onConflict.update.length ? plan.onConflict.update.map((c) => c.name) : plan.onConflict.columns
      write += ` ON CONFLICT (${target}) DO UPDATE SET ${set.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}`
    }
  }
  return { text: wrapReturning(write, '_i', plan.returning, params), values: params.values }
}

export function buildUpdate(plan: UpdatePlan): Sql {
  const params = new Params()
  const rel = plan.relation
  const table = quoteQualified(rel.schema, rel.name)
  const set = plan.columns.map((c) => `${quoteIdent(c.name)} = _v.${quoteIdent(c.name)}`).join(', ')
  const values = params.add(plan.values)
  const write = `UPDATE ${table} AS _u SET ${set} FROM json_populate_record(NULL::${table}, ${values}::json) AS _v${whereClause('_u', plan.where, params)}`
  return { text: wrapReturning(write, '_u', plan.returning, params), values: params.values }
}

export function buildDelete(plan: DeletePlan): Sql {
  const params = new Params()
  const rel = plan.relation
  const write = `DELETE FROM ${quoteQualified(rel.schema, rel.name)} AS _d${whereClause('_d', plan.where, params)}`
  return { text: wrapReturning(write, '_d', plan.returning, params), values: params.values }
}

export function buildWrite(plan: WritePlan): Sql {
  if (plan.kind === 'insert') return buildInsert(plan)
  if (plan.kind === 'update') return buildUpdate(plan)
  return buildDelete(plan)
}
