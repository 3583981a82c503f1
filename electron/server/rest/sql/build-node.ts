// rest/sql/build-node.ts — one ReadNode → its SELECT (select list, FROM, WHERE, GROUP BY, ORDER BY, LIMIT), with
// embeds as correlated subqueries that aggregate to JSON (object or array) and spreads as LATERAL joins.
import type { JoinSpec, OutputItem, PlannedOrder, ReadNode } from '../plan/plan-types.js'
import { columnExpr, withCast } from './build-expr.js'
import { conditionExpr } from './build-condition.js'
import { joinFrom } from './build-join.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'
import type { Params } from './sql-params.js'

export interface NodeParts {
  select: string
  from: string
  where: string[]
  groupBy: string
  orderBy: string
  limit: string
}

const AGG_SQL = { count: 'count', sum: 'sum', avg: 'avg', min: 'min', max: 'max' } as const

function truncated(expr: string, category: string, n: number | undefined, params: Params): string {
  return n !== undefined && category === 'S' ? `left(${expr}, ${params.add(n)}::int)` : expr
}

function selectItem(node: ReadNode, item: OutputItem, params: Params, laterals: string[]): string {
  const a = node.alias
  switch (item.kind) {
    case 'star':
      if (item.truncate === undefined) return `${a}.*`
      return node.relation.columns.map((c) => `${truncated(`${a}.${quoteIdent(c.name)}`, c.category, item.truncate, params)} AS ${quoteIdent(c.name)}`).join(', ')
    case 'column': {
      const expr = columnExpr(a, item.ref, params)
      const plain = item.ref.json.length === 0 ? truncated(expr, item.ref.column.category, item.truncate, params) : expr
      return `${withCast(plain, item.cast)} AS ${quoteIdent(item.outputName)}`
    }
    case 'aggregate': {
      const arg = item.ref ? columnExpr(a, item.ref, params) : '*'
      return `${withCast(`${AGG_SQL[item.fn]}(${arg})`, item.cast)} AS ${quoteIdent(item.outputName)}`
    }
    case 'embed': {
      const child = nodeParts(item.node, params, { alias: a, join: item.join })
      if (item.spread) {
        const lateral = `${item.node.alias}_s`
        laterals.push(`LEFT JOIN LATERAL (${assemble(child, '1')}) AS ${lateral} ON true`)
        return `${lateral}.*`
      }
      if (item.cardinality === 'one') return `(SELECT row_to_json(_e) FROM (${assemble(child, '1')}) AS _e) AS ${quoteIdent(item.outputName)}`
      const rows = `coalesce(json_agg(_e), '[]')`
      const array = item.rowCap === undefined ? rows
        : `CASE WHEN count(*) > ${params.add(item.rowCap)}::int THEN app.embed_rows_exceeded(${params.add(item.outputName)}::text, ${params.add(item.rowCap)}::int) ELSE ${rows} END`
      return `(SELECT ${array} FROM (${assemble(child)}) AS _e) AS ${quoteIdent(item.outputName)}`
    }
  }
}

function orderItem(node: ReadNode, o: PlannedOrder, params: Params): string {
  let expr: string
  if (o.via) {
    const j = joinFrom(node.alias, o.via.relation, o.via.alias, o.via.join)
    expr = `(SELECT ${columnExpr(o.via.alias, o.ref, params)} FROM ${j.from} WHERE ${j.where} LIMIT 1)`
  } else {
    expr = columnExpr(node.alias, o.ref, params)
  }
  if (o.vector) {
    const op = o.vector.op === 'vec_l2' ? '<->' : o.vector.op === 'vec_cos' ? '<=>' : '<#>'
    expr = `(${expr} ${op} ${params.add(o.vector.value)}::vector)`
  }
  return `${expr} ${o.direction === 'desc' ? 'DESC' : 'ASC'}${o.nulls ? ` NULLS ${o.nulls === 'first' ? 'FIRST' : 'LAST'}` : ''}`
}

/** The parts of a node's query; `parent` makes it a child correlated to its parent row. */
export function nodeParts(node: ReadNode, params: Params, parent?: { alias: string; join: JoinSpec }, withSelect = true): NodeParts {
  const laterals: string[] = []
  // Counting needs no select list (unless grouped): leaving it out also leaves out its parameters.
  const select = withSelect ? node.select.map((item) => selectItem(node, item, params, laterals)).join(', ') || 'NULL AS "_"' : '1'
  let from: string
  const where: string[] = []
  if (node.fromCte) {
    from = `${node.fromCte} AS ${node.alias}`
  } else if (parent) {
    const j = joinFrom(parent.alias, node.relation, node.alias, parent.join)
    from = j.from
    where.push(j.where)
  } else {
    from = `${quoteQualified(node.relation.schema, node.relation.name)} AS ${node.alias}`
  }
  if (laterals.length) from += ` ${laterals.join(' ')}`
  for (const c of node.where) where.push(conditionExpr(node.alias, c, params))
  const groupBy = node.groupBy?.length ? ` GROUP BY ${node.groupBy.join(', ')}` : ''
  const orderBy = node.order.length ? ` ORDER BY ${node.order.map((o) => orderItem(node, o, params)).join(', ')}` : ''
  let limit = ''
  if (node.limit !== undefined) limit += ` LIMIT ${params.add(node.limit)}`
  if (node.offset) limit += ` OFFSET ${params.add(node.offset)}`
  return { select, from, where, groupBy, orderBy, limit }
}

export function assemble(p: NodeParts, forceLimit?: string): string {
  const where = p.where.length ? ` WHERE ${p.where.join(' AND ')}` : ''
  const limit = forceLimit ? ` LIMIT ${forceLimit}` : p.limit
  return `SELECT ${p.select} FROM ${p.from}${where}${p.groupBy}${p.orderBy}${limit}`
}

