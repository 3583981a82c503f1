// rest/schema/schema-types.ts — what the planner knows about the database: relations, columns and their types,
// keys and foreign keys, types and functions. Built from the catalogs by load-schema.ts; immutable once built.

export interface Column {
  name: string
  position: number
  /** format_type(): `integer`, `character varying(20)`, `public.mood`, `text[]`. */
  type: string
  typeOid: number
  /** pg_type.typname (`int4`, `_text`, `jsonb`). */
  typeName: string
  /** pg_type.typcategory: 'A' array, 'S' string, 'N' numeric, 'B' boolean, 'D' date/time, 'R' range, 'U' user… */
  category: string
  /** For arrays, the element's typname. */
  elementTypeName?: string
  nullable: boolean
  hasDefault: boolean
  /** pg_get_expr of the default (catalog text, written by the developer's DDL — never request text). */
  defaultExpr?: string
  generated: boolean
  /** 'a' GENERATED ALWAYS, 'd' BY DEFAULT, '' none. */
  identity: string
}

export type RelationKind = 'table' | 'view' | 'materialized_view' | 'foreign_table' | 'partitioned_table'

export interface Relation {
  oid: number
  schema: string
  name: string
  kind: RelationKind
  columns: Column[]
  columnsByName: Map<string, Column>
  primaryKey: string[]
  /** Column sets that are unique (PK and UNIQUE constraints), for one-to-one detection. */
  uniqueKeys: string[][]
  insertable: boolean
  updatable: boolean
  deletable: boolean
  rlsEnabled: boolean
}

export interface ForeignKey {
  name: string
  /** The referencing side (holds the FK columns). */
  from: { schema: string; table: string; columns: string[] }
  /** The referenced side. */
  to: { schema: string; table: string; columns: string[] }
}

export interface FunctionArg {
  name: string
  typeOid: number
  type: string
  hasDefault: boolean
}

export interface DbFunction {
  oid: number
  schema: string
  name: string
  /** Input arguments in order (IN, INOUT, VARIADIC). */
  args: FunctionArg[]
  returnsSet: boolean
  returnType: string
  volatility: 'i' | 's' | 'v'
}

export interface DbType {
  oid: number
  schema: string
  name: string
  arrayOid: number
}

export interface SchemaCache {
  relations: Map<string, Relation>
  foreignKeys: ForeignKey[]
  /** FKs by the relation key of either side. */
  fksFrom: Map<string, ForeignKey[]>
  fksTo: Map<string, ForeignKey[]>
  /** By `schema.name` and, for pg_catalog and public, by bare name. */
  types: Map<string, DbType>
  functions: Map<string, DbFunction[]>
  loadedAt: number
  version: number
}

export function relationKey(schema: string, name: string): string {
  return `${schema}\u0000${name}`
}
