// rest/sql/build-read.ts — ReadPlan → one statement returning `(body text, n, total)`: PostgreSQL renders the JSON
// array itself (no row-by-row work in Node), and an exact count rides in the same statement, same snapshot.
import type { ReadNode, ReadPlan } from '../plan/plan-types.js'
import { assemble, nodeParts } from './build-node.js'
import { Params, type Sql } from './sql-params.js'

export function buildRead(plan: ReadPlan): Sql {
  const params = new Params()
  const parts = nodeParts(plan.node, params)
  const inner = assemble(parts)
  let total = 'NULL::int8'
  if (plan.count === 'exact') {
    const where = parts.where.length ? ` WHERE ${parts.where.join(' AND ')}` : ''
    total = parts.groupBy
      ? `(SELECT count(*) FROM (SELECT ${parts.select} FROM ${parts.from}${where}${parts.groupBy}) AS _c)`
      : `(SELECT count(*) FROM ${parts.from}${where})`
  }
  return {
    text: `SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, ${total} AS total FROM (${inner}) AS _r`,
    values: params.values,
  }
}

/** The planner's row estimate for the same filters (count=planned|estimated): instant, even on huge tables. */
export function buildPlannedCount(node: ReadNode): Sql {
  const params = new Params()
  const parts = nodeParts({ ...node, order: [], limit: undefined, offset: undefined }, params, undefined, Boolean(node.groupBy))
  const where = parts.where.length ? ` WHERE ${parts.where.join(' AND ')}` : ''
  return { text: `EXPLAIN (FORMAT JSON) SELECT ${parts.select} FROM ${parts.from}${where}${parts.groupBy}`, values: params.values }
}

/** The exact count alone (count=estimated when the estimate is small). */
export function buildExactCount(node: ReadNode): Sql {
  const params = new Params()
  const parts = nodeParts({ ...node, order: [], limit: undefined, offset: undefined }, params, undefined, Boolean(node.groupBy))
  const where = parts.where.length ? ` WHERE ${parts.where.join(' AND ')}` : ''
  const text = parts.groupBy
    ? `SELECT count(*) AS total FROM (SELECT ${parts.select} FROM ${parts.from}${where}${parts.groupBy}) AS _c`
    : `SELECT count(*) AS total FROM ${parts.from}${where}`
  return { text, values: params.values }
}
