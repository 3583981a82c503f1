// project/types/view-column-sources.ts — a view's stored query (pg_rewrite.ev_action) → which of its columns pass a
// column of a table or view through unchanged, so the generator can give them that column's nullability. Pure.
// Conservative: only a plain column reference to a relation in the view's own FROM, not nulled by an outer join,
// counts; expressions, subqueries, set operations, grouped columns and merged JOIN … USING columns stay nullable.
import { isNode, parseNodeTree, type TreeNode, type TreeValue } from './node-tree.js'

export interface ColumnSource {
  relationOid: number
  attnum: number
}

/** A base column the view copies, or `'not-null'` for values that are never null (count(), a non-null constant). */
export type ViewColumnOrigin = ColumnSource | 'not-null'

const RTE_RELATION = '0'
const RTE_JOIN = '2'
const RTE_GROUP = '9'
const JOIN_INNER = '0'
/** count(any) and count(*): never null. */
const COUNT_AGGREGATES = new Set(['2147', '2803'])

function list(v: TreeValue | undefined): TreeValue[] {
  return Array.isArray(v) ? v : []
}

/** `(b)` is an empty bitmapset; `(b 3)` names the outer joins that can null the Var. */
function emptyBitmap(v: TreeValue | undefined): boolean {
  const items = list(v)
  return items.length === 1 && items[0] === 'b'
}

/** Resolves a view's output columns, by name, to the base columns they copy. */
export function viewColumnSources(evAction: string): Map<string, ViewColumnOrigin> {
  const out = new Map<string, ViewColumnOrigin>()
  let tree: TreeValue
  try {
    tree = parseNodeTree(evAction)
  } catch {
    return out
  }
  const query = list(tree)[0]
  if (!isNode(query, 'QUERY') || query.fields.setOperations !== null) return out
  const rtable = list(query.fields.rtable).filter((e): e is TreeNode => isNode(e))
  // Before PostgreSQL 16 a Var does not say whether an outer join nulls it: then any outer join disqualifies all.
  const hasOuterJoin = rtable.some((e) => e.fields.rtekind === RTE_JOIN && e.fields.jointype !== JOIN_INNER)
  // Grouping sets null the columns a set leaves out; plain GROUP BY passes its columns through.
  const plainGrouping = query.fields.groupingSets === null

  const origin = (expr: TreeValue | undefined, depth = 0): ViewColumnOrigin | undefined => {
    if (isNode(expr, 'AGGREF') && COUNT_AGGREGATES.has(String(expr.fields.aggfnoid)) && expr.fields.agglevelsup === '0') return 'not-null'
    if (isNode(expr, 'CONST')) return expr.fields.constisnull === 'false' ? 'not-null' : undefined
    if (!isNode(expr, 'VAR') || expr.fields.varlevelsup !== '0') return undefined
    const nulling = expr.fields.varnullingrels
    if (nulling === undefined ? hasOuterJoin : !emptyBitmap(nulling)) return undefined
    const rte = rtable[Number(expr.fields.varno) - 1]
    const attnum = Number(expr.fields.varattno)
    if (!rte || !(attnum > 0)) return undefined
    if (rte.fields.rtekind === RTE_GROUP && plainGrouping && depth === 0) return origin(list(rte.fields.groupexprs)[attnum - 1], 1)
    if (rte.fields.rtekind !== RTE_RELATION) return undefined
    const relationOid = Number(rte.fields.relid)
    return Number.isInteger(relationOid) && relationOid > 0 ? { relationOid, attnum } : undefined
  }

  for (const te of list(query.fields.targetList)) {
    if (!isNode(te, 'TARGETENTRY') || te.fields.resjunk === 'true' || typeof te.fields.resname !== 'string') continue
    const found = origin(te.fields.expr)
    if (found) out.set(te.fields.resname, found)
  }
  return out
}
