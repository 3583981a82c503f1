// rest/sql/build-expr.ts — column references with JSON paths (`_t0."data"->$1::text->>$2::text`) and casts. JSON
// keys are parameters too, so one statement shape serves every key.
import type { CastType, ColumnRef } from '../plan/plan-types.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'
import type { Params } from './sql-params.js'

export function columnExpr(alias: string, ref: ColumnRef, params: Params): string {
  let expr = `${alias}.${quoteIdent(ref.column.name)}`
  if (ref.column.category === 'A' && ref.json.length === 1 && ref.json[0].index) {
    // `arr->0` on a PostgreSQL array: 0-based like JSON, arrays are 1-based.
    return `${expr}[${params.add(Number(ref.json[0].key) + 1)}::int]`
  }
  for (const step of ref.json) {
    expr += `${step.arrow}${params.add(step.index ? Number(step.key) : step.key)}::${step.index ? 'int' : 'text'}`
  }
  return ref.json.length ? `(${expr})` : expr
}

/** `select=col::type`: the planner found the type in the catalog, so it is quoted like any other name. */
export function withCast(expr: string, cast: CastType | undefined): string {
  return cast ? `(${expr})::${quoteQualified(cast.schema, cast.name)}${cast.array ? '[]' : ''}` : expr
}
