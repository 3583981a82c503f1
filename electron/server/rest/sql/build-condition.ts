// rest/sql/build-condition.ts — PlannedCondition → a boolean SQL expression over a table alias. Operators come
// from fixed maps; every value is a parameter.
import type { FilterOp } from '../request/request-types.js'
import type { PlannedCondition, PlannedFilter } from '../plan/plan-types.js'
import { columnExpr } from './build-expr.js'
import { embedFrom } from './build-join.js'
import type { Params } from './sql-params.js'

const BINARY: Partial<Record<FilterOp, string>> = {
  eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'LIKE', ilike: 'ILIKE', match: '~', imatch: '~*',
  isdistinct: 'IS DISTINCT FROM', cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxr: '&<', nxl: '&>', adj: '-|-',
}
const IS: Record<string, string> = { null: 'IS NULL', not_null: 'IS NOT NULL', true: 'IS TRUE', false: 'IS FALSE', unknown: 'IS UNKNOWN' }
// Contract §1.3: fts is plainto_tsquery upstream (the SDK relies on it); phfts is PostgREST's phrase search.
const TEXT_SEARCH: Partial<Record<FilterOp, string>> = { fts: 'plainto_tsquery', plfts: 'phraseto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery' }
const SPATIAL: Partial<Record<FilterOp, string>> = {
  st_intersects: 'ST_Intersects', st_contains: 'ST_Contains', st_within: 'ST_Within', st_touches: 'ST_Touches', st_crosses: 'ST_Crosses', st_overlaps: 'ST_Overlaps',
}

function bind(f: PlannedFilter, params: Params): string {
  if (f.value.kind === 'list') return params.add(f.value.values)
  if (f.value.kind === 'text') return params.add(f.value.value)
  return 'NULL'
}

function filterExpr(alias: string, f: PlannedFilter, params: Params): string {
  let lhs = columnExpr(alias, f.ref, params)
  if (f.numeric) lhs = `(${lhs})::numeric`
  const op = f.op
  let expr: string
  if (op === 'is') {
    expr = `${lhs} ${IS[(f.value as { value: string }).value]}`
  } else if (op === 'in') {
    expr = `${lhs} = ANY(${bind(f, params)})`
  } else if (f.quantifier) {
    expr = `${lhs} ${BINARY[op]} ${f.quantifier.toUpperCase()}(${bind(f, params)})`
  } else if (TEXT_SEARCH[op]) {
    const lang = f.language ? `${params.add(f.language)}::regconfig, ` : ''
    expr = `${lhs} @@ ${TEXT_SEARCH[op]}(${lang}${bind(f, params)})`
  } else if (SPATIAL[op]) {
    expr = `${SPATIAL[op]}(${lhs}, ST_GeomFromGeoJSON(${bind(f, params)}))`
  } else if (op === 'st_dwithin') {
    expr = `ST_DWithin(${lhs}, ST_GeomFromGeoJSON(${bind(f, params)}), ${params.add(f.distance)}::float8)`
  } else if (op === 'st_distance') {
    expr = `ST_Distance(${lhs}, ST_GeomFromGeoJSON(${bind(f, params)})) <= ${params.add(f.distance)}::float8`
  } else {
    expr = `${lhs} ${BINARY[op]} ${bind(f, params)}`
  }
  return f.negate ? `NOT (${expr})` : expr
}

export function conditionExpr(alias: string, c: PlannedCondition, params: Params): string {
  switch (c.kind) {
    case 'filter':
      return filterExpr(alias, c, params)
    case 'logic': {
      const inner = c.children.map((child) => conditionExpr(alias, child, params)).join(c.op === 'and' ? ' AND ' : ' OR ')
      return c.negate ? `NOT (${inner})` : `(${inner})`
    }
    case 'exists': {
      const { from, where } = embedFrom(alias, c.embed)
      const childWhere = c.embed.node.where.map((w) => conditionExpr(c.embed.node.alias, w, params))
      return `EXISTS (SELECT 1 FROM ${from} WHERE ${[where, ...childWhere].join(' AND ')})`
    }
  }
}

export function whereClause(alias: string, conds: PlannedCondition[], params: Params): string {
  if (!conds.length) return ''
  return ` WHERE ${conds.map((c) => conditionExpr(alias, c, params)).join(' AND ')}`
}
