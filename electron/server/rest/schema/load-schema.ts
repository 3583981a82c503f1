// rest/schema/load-schema.ts — runs the catalog templates (one round trip, superuser pool) and assembles the
// immutable SchemaCache the planner reads. Called at start and after every DDL (schema-watcher.ts).
import type { Pool, QueryResult } from 'pg'
import { COLUMNS_SQL, FOREIGN_KEYS_SQL, FUNCTIONS_SQL, KEYS_SQL, RELATIONS_SQL, TYPES_SQL, VIEW_SOURCES_SQL } from './catalog-queries.js'
import { inferViewKeys, type ViewSourceRow } from './view-keys.js'
import { relationKey, type Column, type DbFunction, type DbType, type ForeignKey, type Relation, type RelationKind, type SchemaCache } from './schema-types.js'

const KINDS: Record<string, RelationKind> = { r: 'table', v: 'view', m: 'materialized_view', f: 'foreign_table', p: 'partitioned_table' }
// pg_relation_is_updatable() bits: 1 << CMD_UPDATE(2), CMD_INSERT(3), CMD_DELETE(4).
const CAN_UPDATE = 1 << 2
const CAN_INSERT = 1 << 3
const CAN_DELETE = 1 << 4

interface RelationRow { oid: string; schema: string; name: string; relkind: string; rls: boolean; updatable_mask: number }
interface ColumnRow {
  relid: string; name: string; position: number; type: string; type_oid: string; type_name: string; category: string
  element_type_name: string | null; nullable: boolean; has_default: boolean; default_expr: string | null; generated: boolean; identity: string
}
interface KeyRow { relid: string; kind: string; columns: string[] }
interface FkRow { name: string; schema: string; table: string; columns: string[]; ref_schema: string; ref_table: string; ref_columns: string[] }
interface TypeRow { oid: string; schema: string; name: string; array_oid: string }
interface FunctionRow {
  oid: string; schema: string; name: string; returns_set: boolean; return_type: string; volatility: 'i' | 's' | 'v'; n_defaults: number
  arg_names: string[]; arg_modes: string[]; all_arg_types: string[]; all_arg_type_names: string[]
}

let version = 0

export async function loadSchema(admin: Pool): Promise<SchemaCache> {
  // Stamped with the start: the catalogs it read are at least that fresh (refreshForMiss relies on it).
  const started = Date.now()
  // One multi-statement query: one connection and one round trip (at start-up every extra connection costs a
  // backend and a SCRAM exchange), and one implicit transaction, so all seven read the same catalog state.
  const text = [RELATIONS_SQL, COLUMNS_SQL, KEYS_SQL, FOREIGN_KEYS_SQL, TYPES_SQL, FUNCTIONS_SQL, VIEW_SOURCES_SQL].join(';\n')
  const results = (await admin.query(text)) as unknown as QueryResult[]
  const [relations, columns, keys, fks, types, functions, viewSources] = results.map((r) => r.rows) as [
    RelationRow[], ColumnRow[], KeyRow[], FkRow[], TypeRow[], FunctionRow[], ViewSourceRow[],
  ]
  const cache = buildSchema(relations, columns, keys, fks, types, functions, viewSources)
  cache.loadedAt = started
  return cache
}

export function buildSchema(
  relationRows: RelationRow[],
  columnRows: ColumnRow[],
  keyRows: KeyRow[],
  fkRows: FkRow[],
  typeRows: TypeRow[] = [],
  functionRows: FunctionRow[] = [],
  viewSourceRows: ViewSourceRow[] = [],
): SchemaCache {
  const byOid = new Map<number, Relation>()
  const relations = new Map<string, Relation>()
  for (const r of relationRows) {
    const mask = Number(r.updatable_mask)
    const kind = KINDS[r.relkind] ?? 'table'
    const isTable = kind === 'table' || kind === 'partitioned_table'
    const rel: Relation = {
      oid: Number(r.oid),
      schema: r.schema,
      name: r.name,
      kind,
      columns: [],
      columnsByName: new Map(),
      primaryKey: [],
      uniqueKeys: [],
      insertable: isTable || (mask & CAN_INSERT) !== 0,
      updatable: isTable || (mask & CAN_UPDATE) !== 0,
      deletable: isTable || (mask & CAN_DELETE) !== 0,
      rlsEnabled: r.rls,
    }
    byOid.set(rel.oid, rel)
    relations.set(relationKey(rel.schema, rel.name), rel)
  }
  for (const c of columnRows) {
    const rel = byOid.get(Number(c.relid))
    if (!rel) continue
    const col: Column = {
      name: c.name,
      position: c.position,
      type: c.type,
      typeOid: Number(c.type_oid),
      typeName: c.type_name,
      category: c.category,
      elementTypeName: c.element_type_name ?? undefined,
      nullable: c.nullable,
      hasDefault: c.has_default,
      defaultExpr: c.default_expr ?? undefined,
      generated: c.generated,
      identity: c.identity ?? '',
    }
    rel.columns.push(col)
    rel.columnsByName.set(col.name, col)
  }
  for (const k of keyRows) {
    const rel = byOid.get(Number(k.relid))
    if (!rel) continue
    if (k.kind === 'p') rel.primaryKey = k.columns
    rel.uniqueKeys.push(k.columns)
  }
  const foreignKeys: ForeignKey[] = inferViewKeys(byOid, fkRows.map(toForeignKey), viewSourceRows)
  const fksFrom = new Map<string, ForeignKey[]>()
  const fksTo = new Map<string, ForeignKey[]>()
  for (const fk of foreignKeys) {
    push(fksFrom, relationKey(fk.from.schema, fk.from.table), fk)
    push(fksTo, relationKey(fk.to.schema, fk.to.table), fk)
  }
  const types = new Map<string, DbType>()
  for (const t of typeRows) {
    const type: DbType = { oid: Number(t.oid), schema: t.schema, name: t.name, arrayOid: Number(t.array_oid) }
    types.set(`${t.schema}.${t.name}`, type)
    if (t.schema === 'pg_catalog' || (t.schema === 'public' && !types.has(t.name))) types.set(t.name, type)
  }
  const functions = new Map<string, DbFunction[]>()
  for (const f of functionRows) push(functions, `${f.schema}.${f.name}`, toFunction(f))
  return { relations, foreignKeys, fksFrom, fksTo, types, functions, loadedAt: Date.now(), version: ++version }
}

function toForeignKey(f: FkRow): ForeignKey {
  return { name: f.name, from: { schema: f.schema, table: f.table, columns: f.columns }, to: { schema: f.ref_schema, table: f.ref_table, columns: f.ref_columns } }
}

function toFunction(f: FunctionRow): DbFunction {
  const modes = f.arg_modes.length ? f.arg_modes : f.all_arg_types.map(() => 'i')
  const inputs: DbFunction['args'] = []
  modes.forEach((mode, i) => {
    if (mode === 'i' || mode === 'b' || mode === 'v') {
      inputs.push({ name: f.arg_names[i] ?? '', typeOid: Number(f.all_arg_types[i]), type: f.all_arg_type_names[i], hasDefault: false })
    }
  })
  for (let i = inputs.length - f.n_defaults; i < inputs.length; i++) if (i >= 0) inputs[i].hasDefault = true
  return { oid: Number(f.oid), schema: f.schema, name: f.name, args: inputs, returnsSet: f.returns_set, returnType: f.return_type, volatility: f.volatility }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
