// rest/request/request-types.ts — the typed request the parser produces from query string, headers and body, and
// the planner consumes. Everything here is still unchecked user input: names are not yet known to exist.

/** A column reference, optionally followed by a JSON path: `data->a->>b`. */
export interface ColumnPath {
  column: string
  json: JsonStep[]
}

export interface JsonStep {
  arrow: '->' | '->>'
  /** Object key, or an array index when `index` is true. */
  key: string
  index: boolean
}

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max'

export type SelectItem =
  | { kind: 'star' }
  | { kind: 'column'; path: ColumnPath; alias?: string; cast?: string }
  | { kind: 'aggregate'; fn: AggregateFn; path?: ColumnPath; alias?: string; cast?: string }
  | EmbedItem

export interface EmbedItem {
  kind: 'embed'
  /** Table (or view) name of the embedded resource, or a foreign-key column / constraint name. */
  relation: string
  alias?: string
  /** `!fk_name` / `!column` / `!table` disambiguation. */
  hint?: string
  /** `!inner`: parents without a matching child are dropped. */
  inner: boolean
  /** `...relation(cols)`: spread the to-one child's columns into the parent. */
  spread: boolean
  select: SelectItem[]
}

export type FilterOp =
  | 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte'
  | 'like' | 'ilike' | 'match' | 'imatch'
  | 'is' | 'isdistinct' | 'in'
  | 'cs' | 'cd' | 'ov'
  | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj'
  | 'fts' | 'plfts' | 'phfts' | 'wfts'
  | 'st_intersects' | 'st_contains' | 'st_within' | 'st_touches' | 'st_crosses' | 'st_overlaps' | 'st_dwithin' | 'st_distance'
  | 'vec_l2' | 'vec_cos' | 'vec_ip'

export interface FilterCondition {
  kind: 'filter'
  path: ColumnPath
  negate: boolean
  op: FilterOp
  /** `eq(any)` / `like(all)` — PostgREST's quantifiers over a `{a,b}` list. */
  quantifier?: 'any' | 'all'
  /** `fts(english)`: the text search configuration. */
  language?: string
  /** The raw value, exactly as sent (after URL decoding). */
  value: string
}

export interface LogicCondition {
  kind: 'logic'
  op: 'and' | 'or'
  negate: boolean
  children: Condition[]
}

export type Condition = FilterCondition | LogicCondition

export interface OrderTerm {
  path: ColumnPath
  /** For `order=author(name).asc`: ordering by a to-one embedded resource's column. */
  relation?: string
  direction: 'asc' | 'desc'
  nulls?: 'first' | 'last'
  /** Vector ordering: `col.vec_cos.[0.1,0.2].asc`. */
  vector?: { op: 'vec_l2' | 'vec_cos' | 'vec_ip'; value: string }
}

/** Filters, order and paging that apply at one level of the embedding tree ([] = the top level). */
export interface LevelOptions {
  conditions: Condition[]
  order: OrderTerm[]
  limit?: number
  offset?: number
}

export type CountMode = 'exact' | 'planned' | 'estimated'

export interface ReadRequest {
  select: SelectItem[]
  /** Keyed by the embedding path joined with '.', '' for the top level. */
  levels: Map<string, LevelOptions>
  groupBy: ColumnPath[]
  count?: CountMode
  truncate?: number
  /** `on_conflict=a,b` for upserts. */
  onConflict?: string[]
  /** `columns="a","b"` for inserts (postgrest-js). */
  columns?: string[]
}

export interface Prefer {
  return?: 'minimal' | 'representation' | 'headers-only'
  resolution?: 'merge-duplicates' | 'ignore-duplicates'
  missing?: 'default' | 'null'
  count?: CountMode
  tx?: 'commit' | 'rollback'
}
