// rest/plan/plan-types.ts — the checked plan: every name here was found in the schema cache, every value is still
// a value. rest/sql/ turns a plan into `{ text, values }` without looking anything up.
import type { Column, Relation } from '../schema/schema-types.js'
import type { AggregateFn, CountMode, FilterOp, JsonStep } from '../request/request-types.js'

/** A type to cast to, resolved against pg_type. */
export interface CastType {
  schema: string
  name: string
  array: boolean
}

/** A column of the node's relation, optionally followed by a JSON path. */
export interface ColumnRef {
  column: Column
  json: JsonStep[]
}

export interface OutputColumn {
  kind: 'column'
  ref: ColumnRef
  outputName: string
  cast?: CastType
  truncate?: number
}

export interface OutputAggregate {
  kind: 'aggregate'
  fn: AggregateFn
  ref?: ColumnRef
  outputName: string
  cast?: CastType
}

export interface OutputStar {
  kind: 'star'
  truncate?: number
}

/** How a child relation joins its parent: child.childColumns[i] = parent.parentColumns[i], or via a junction. */
export type JoinSpec =
  | { kind: 'direct'; parentColumns: string[]; childColumns: string[] }
  | {
      kind: 'junction'
      junction: Relation
      /** junction.junctionParent[i] = parent.parentColumns[i] */
      parentColumns: string[]
      junctionParent: string[]
      /** junction.junctionChild[i] = child.childColumns[i] */
      junctionChild: string[]
      childColumns: string[]
    }

export interface OutputEmbed {
  kind: 'embed'
  outputName: string
  cardinality: 'one' | 'many'
  inner: boolean
  spread: boolean
  join: JoinSpec
  node: ReadNode
  /** One-to-many only: the most rows one parent row may embed (the node reads one more, to tell when it has more). */
  rowCap?: number
}

export type OutputItem = OutputColumn | OutputAggregate | OutputStar | OutputEmbed

export type PlannedValue =
  | { kind: 'text'; value: string }
  | { kind: 'list'; values: Array<string | null> }
  | { kind: 'none' }

export interface PlannedFilter {
  kind: 'filter'
  ref: ColumnRef
  op: FilterOp
  negate: boolean
  quantifier?: 'any' | 'all'
  language?: string
  value: PlannedValue
  /** `->>` compared with a number by gt/gte/lt/lte: compare as numeric (contract §1.3). */
  numeric?: boolean
  /** Second value of st_dwithin / st_distance (the distance). */
  distance?: string
}

export interface PlannedLogic {
  kind: 'logic'
  op: 'and' | 'or'
  negate: boolean
  children: PlannedCondition[]
}

/** `!inner`: the parent row needs at least one matching child (filters of the child level included). */
export interface PlannedExists {
  kind: 'exists'
  embed: OutputEmbed
}

export type PlannedCondition = PlannedFilter | PlannedLogic | PlannedExists

export interface PlannedOrder {
  ref: ColumnRef
  /** Ordering by a to-one embedded resource's column. */
  via?: { relation: Relation; join: JoinSpec; alias: string }
  direction: 'asc' | 'desc'
  nulls?: 'first' | 'last'
  vector?: { op: 'vec_l2' | 'vec_cos' | 'vec_ip'; value: string }
}

export interface ReadNode {
  relation: Relation
  /** Generated table alias (`_t0`, `_t1`…): never user text. */
  alias: string
  /** Read from a writable CTE (`_w`) instead of the relation: the rows a write returned. */
  fromCte?: string
  select: OutputItem[]
  where: PlannedCondition[]
  order: PlannedOrder[]
  limit?: number
  offset?: number
  /** Set when the select has aggregates: group by these output positions (1-based). */
  groupBy?: number[]
}

export interface ReadPlan {
  kind: 'read'
  node: ReadNode
  count?: CountMode
  /** The page size actually applied (for Content-Range). */
  offset: number
}

export interface WriteReturn {
  /** 'none': no RETURNING (return=minimal / headers-only), so SELECT policies are not consulted. */
  mode: 'none' | 'rows'
  node?: ReadNode
}

export interface InsertPlan {
  kind: 'insert'
  relation: Relation
  columns: Column[]
  /** JSON array text of the rows: one parameter, whatever the row count. */
  rows: string
  /** Prefer: missing=default — a key absent from a row takes the column default, not NULL. */
  missingDefault: boolean
  onConflict?: { columns: string[]; action: 'merge' | 'ignore'; update: Column[] }
  returning: WriteReturn
}

export interface UpdatePlan {
  kind: 'update'
  relation: Relation
  columns: Column[]
  /** JSON object text of the new values. */
  values: string
  where: PlannedCondition[]
  returning: WriteReturn
}

export interface DeletePlan {
  kind: 'delete'
  relation: Relation
  where: PlannedCondition[]
  returning: WriteReturn
}

export type WritePlan = InsertPlan | UpdatePlan | DeletePlan
