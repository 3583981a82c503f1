// rest/plan/plan-order.ts — OrderTerm[] → PlannedOrder[]: columns and JSON paths checked, `rel(col)` ordering only
// through a to-one relationship, vector values checked to be lists of numbers.
import { ApiError } from '../../errors.js'
import type { OrderTerm } from '../request/request-types.js'
import { clip } from '../request/split-top-level.js'
import type { Relation, SchemaCache } from '../schema/schema-types.js'
import type { PlannedOrder } from './plan-types.js'
import { resolvePath } from './resolve-names.js'
import { resolveRelationship } from './resolve-relationship.js'

export function planOrder(cache: SchemaCache, rel: Relation, terms: OrderTerm[], nextAlias: () => string): PlannedOrder[] {
  return terms.map((term) => {
    const planned: PlannedOrder = { ref: undefined as never, direction: term.direction, nulls: term.nulls }
    if (term.relation) {
      const r = resolveRelationship(cache, rel, term.relation)
      if (r.cardinality !== 'one') {
        throw new ApiError(400, 'PGRST118', `cannot order by "${term.relation}(${term.path.column})": '${term.relation}' is not a to-one relationship of '${rel.name}'`)
      }
      planned.ref = resolvePath(r.target, term.path, 'order')
      planned.via = { relation: r.target, join: r.join, alias: nextAlias() }
    } else {
      planned.ref = resolvePath(rel, term.path, 'order')
    }
    if (term.vector) {
      let ok = false
      try {
        const v = JSON.parse(term.vector.value) as unknown
        ok = Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))
      } catch {
        ok = false
      }
      if (!ok) throw new ApiError(400, 'PGRST100', `"${clip(term.vector.value, 60)}" is not a vector: expected [0.1,0.2,…]`)
      planned.vector = term.vector
    }
    return planned
  })
}
