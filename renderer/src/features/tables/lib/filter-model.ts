// features/tables/lib/filter-model.ts — the filter builder's model (rules in AND/OR groups, nested) and its
// translation into the REST query language: top-level AND rules become `col=op.value`, groups become
// `or=(…)` / `and=(…)` with nested `and(…)` / `or(…)` (contract §1.3). Pure.
import { columnRef, listValue, type QueryParam } from './rest-query'

export type FilterOp =
  | 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'ilike' | 'in' | 'notin'
  | 'isnull' | 'notnull' | 'istrue' | 'isfalse' | 'cs' | 'cd' | 'ov' | 'fts'

export interface OperatorInfo {
  op: FilterOp
  /** Short form for chips: "=", "≥", "is NULL"… */
  symbol: string
  label: string
  /** False for the `is …` operators, which need no value. */
  takesValue: boolean
  /** What the value box suggests. */
  placeholder?: string
}

export const OPERATORS: OperatorInfo[] = [
  { op: 'eq', symbol: '=', label: '= equals', takesValue: true },
  { op: 'neq', symbol: '≠', label: '≠ not equal', takesValue: true },
  { op: 'gt', symbol: '>', label: '> greater than', takesValue: true },
  { op: 'gte', symbol: '≥', label: '≥ at least', takesValue: true },
  { op: 'lt', symbol: '<', label: '< less than', takesValue: true },
  { op: 'lte', symbol: '≤', label: '≤ at most', takesValue: true },
  { op: 'like', symbol: 'like', label: 'like (case-sensitive, % or *)', takesValue: true, placeholder: '%word%' },
  { op: 'ilike', symbol: 'ilike', label: 'ilike (any case, % or *)', takesValue: true, placeholder: '%word%' },
  { op: 'in', symbol: 'in', label: 'in list', takesValue: true, placeholder: 'a, b, c' },
  { op: 'notin', symbol: 'not in', label: 'not in list', takesValue: true, placeholder: 'a, b, c' },
  { op: 'isnull', symbol: 'is NULL', label: 'is NULL', takesValue: false },
  { op: 'notnull', symbol: 'is not NULL', label: 'is not NULL', takesValue: false },
  { op: 'istrue', symbol: 'is true', label: 'is true', takesValue: false },
  { op: 'isfalse', symbol: 'is false', label: 'is false', takesValue: false },
  { op: 'cs', symbol: 'contains', label: 'contains (arrays, jsonb)', takesValue: true, placeholder: '{a,b} or {"key":1}' },
  { op: 'cd', symbol: 'contained by', label: 'contained by (arrays, jsonb)', takesValue: true, placeholder: '{a,b,c}' },
  { op: 'ov', symbol: 'overlaps', label: 'overlaps (arrays)', takesValue: true, placeholder: '{a,b}' },
  { op: 'fts', symbol: 'matches', label: 'full-text search', takesValue: true, placeholder: 'words' },
]

export const OPERATOR = new Map(OPERATORS.map((o) => [o.op, o]))

export interface FilterRule {
  kind: 'rule'
  id: string
  column: string
  op: FilterOp
  value: string
}

export interface FilterGroup {
  kind: 'group'
  id: string
  combinator: 'and' | 'or'
  children: FilterNode[]
}

export type FilterNode = FilterRule | FilterGroup

let nextId = 0
export const newId = (): string => `f${++nextId}-${Date.now().toString(36)}`

export function emptyFilter(): FilterGroup {
  return { kind: 'group', id: newId(), combinator: 'and', children: [] }
}

export function newRule(column: string, op: FilterOp = 'eq', value = ''): FilterRule {
  return { kind: 'rule', id: newId(), column, op, value }
}

/** A rule is used once it names a column and, if it needs one, has a value. */
export function isComplete(rule: FilterRule): boolean {
  return Boolean(rule.column) && (!OPERATOR.get(rule.op)?.takesValue || rule.value !== '')
}

/** Rules that take part (complete ones, in non-empty groups). */
export function countRules(node: FilterNode): number {
  if (node.kind === 'rule') return isComplete(node) ? 1 : 0
  return node.children.reduce((n, c) => n + countRules(c), 0)
}

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '')
}

/** `op.value` for a rule (the part after `col=`, or after `col.` inside a tree). */
function opValue(rule: FilterRule, inTree: boolean): string {
  const v = inTree ? listValue(rule.value) : rule.value
  switch (rule.op) {
    case 'isnull': return 'is.null'
    case 'notnull': return 'not.is.null'
    case 'istrue': return 'is.true'
    case 'isfalse': return 'is.false'
    case 'in': return `in.(${splitList(rule.value).map(listValue).join(',')})`
    case 'notin': return `not.in.(${splitList(rule.value).map(listValue).join(',')})`
    default:
      return `${rule.op}.${v}`
  }
}

function treeItem(node: FilterNode): string | undefined {
  if (node.kind === 'rule') return isComplete(node) ? `${columnRef(node.column)}.${opValue(node, true)}` : undefined
  const items = node.children.map(treeItem).filter((s): s is string => s !== undefined)
  if (items.length === 0) return undefined
  if (items.length === 1) return items[0]
  return `${node.combinator}(${items.join(',')})`
}

/** The filter as query parameters (repeated keys are ANDed by the server). */
export function filterParams(root: FilterGroup): QueryParam[] {
  const params: QueryParam[] = []
  if (root.combinator === 'or') {
    const items = root.children.map(treeItem).filter((s): s is string => s !== undefined)
    if (items.length === 1) return filterParams({ ...root, combinator: 'and' })
    if (items.length > 1) params.push(['or', `(${items.join(',')})`])
    return params
  }
  for (const child of root.children) {
    if (child.kind === 'rule') {
      if (isComplete(child)) params.push([columnRef(child.column), opValue(child, false)])
      continue
    }
    const items = child.children.map(treeItem).filter((s): s is string => s !== undefined)
    if (items.length === 0) continue
    if (items.length === 1 || child.combinator === 'and') {
      // An AND group inside the AND root is just more conditions.
      params.push(...filterParams({ ...child, combinator: 'and' }))
    } else {
      params.push(['or', `(${items.join(',')})`])
    }
  }
  return params
}

/** A filter of equalities (following a foreign key: column = value for each key column). */
export function equalityFilter(pairs: Array<[column: string, value: string]>): FilterGroup {
  return { ...emptyFilter(), children: pairs.map(([c, v]) => newRule(c, 'eq', v)) }
}

/** One-line description for chips and the toolbar: `author_id = 1 AND (a > 2 OR b is NULL)`. */
export function describeFilter(node: FilterNode, top = true): string {
  if (node.kind === 'rule') {
    if (!isComplete(node)) return ''
    const info = OPERATOR.get(node.op)
    return info?.takesValue ? `${node.column} ${info.symbol} ${node.value}` : `${node.column} ${info?.symbol ?? node.op}`
  }
  const parts = node.children.map((c) => describeFilter(c, false)).filter(Boolean)
  const joined = parts.join(node.combinator === 'and' ? ' AND ' : ' OR ')
  return !top && parts.length > 1 ? `(${joined})` : joined
}
