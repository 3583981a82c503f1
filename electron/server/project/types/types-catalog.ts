// project/types/types-catalog.ts — what the TypeScript generator knows about the database: plain data read from the
// catalogs by read-types-catalog.ts and turned into text by generate-types.ts (pure). Nothing here runs.

export interface CatalogColumn {
  name: string
  /** pg_attribute.attnum (view column sources point at it). */
  attnum: number
  typeOid: number
  /** Declared array dimensions (pg_attribute.attndims), when more than one. */
  dims?: number
  /** NOT attnotnull. For views always true in the catalog: see `source`. */
  nullable: boolean
  hasDefault: boolean
  /** 'a' GENERATED ALWAYS AS IDENTITY, 'd' BY DEFAULT, '' none. */
  identity: string
  /** GENERATED ALWAYS AS (…) STORED / VIRTUAL: never written by a client. */
  generated: boolean
  /**
   * For a view column that passes a column of a table or view through unchanged: that column; `'not-null'` for a
   * value that is never null (count(), a constant). Undefined: nullable.
   */
  source?: { relationOid: number; attnum: number } | 'not-null'
  comment?: string
}

export type CatalogRelationKind = 'table' | 'view' | 'materialized_view' | 'foreign_table' | 'partitioned_table'

export interface CatalogRelation {
  oid: number
  schema: string
  name: string
  kind: CatalogRelationKind
  columns: CatalogColumn[]
  /** Column sets that are unique (primary key and UNIQUE constraints), for one-to-one relationships. */
  uniqueKeys: string[][]
  insertable: boolean
  updatable: boolean
  comment?: string
}

export interface CatalogForeignKey {
  name: string
  from: { schema: string; table: string; columns: string[] }
  to: { schema: string; table: string; columns: string[] }
}

export type CatalogTypeKind = 'base' | 'enum' | 'domain' | 'composite' | 'array' | 'range' | 'multirange' | 'pseudo'

export interface CatalogType {
  oid: number
  schema: string
  name: string
  kind: CatalogTypeKind
  /** Arrays: the element type. */
  elementOid?: number
  /** Domains: the type the domain is over. */
  baseOid?: number
  /** Domains: NOT NULL in the domain's definition. */
  notNull?: boolean
  /** Enums: the labels in their sort order. */
  labels?: string[]
  /** Composite types made with CREATE TYPE … AS (…): their attributes. */
  attributes?: Array<{ name: string; typeOid: number }>
  /** A table's or view's row type: that relation. */
  relationOid?: number
  /** A user type with a cast to json: to_json() (and so the REST API) uses it. */
  hasJsonCast?: boolean
}

export interface CatalogFunctionArg {
  name: string
  typeOid: number
  hasDefault: boolean
}

export interface CatalogFunction {
  schema: string
  name: string
  /** IN, INOUT and VARIADIC arguments, in order. */
  args: CatalogFunctionArg[]
  returnTypeOid: number
  returnsSet: boolean
  /** OUT, INOUT and TABLE columns: the function returns rows of these (instead of `returnTypeOid`). */
  outColumns: Array<{ name: string; typeOid: number }>
  comment?: string
}

/** A named procedure of the RPC registry (rpc.procedures): `{ "id": "uuid", "limit?": "integer" }` schemas. */
export interface CatalogProcedure {
  namespace: string
  name: string
  inputSchema?: Record<string, string>
  outputSchema?: Record<string, string>
  description?: string
}

export interface TypesCatalog {
  relations: CatalogRelation[]
  foreignKeys: CatalogForeignKey[]
  types: CatalogType[]
  functions: CatalogFunction[]
  procedures: CatalogProcedure[]
}

export interface GenerateOptions {
  schemas: string[]
  includeViews: boolean
  includeFunctions: boolean
}
