// project/types/read-types-catalog.ts — the catalog reading behind the TypeScript export: relations, columns, keys and
// foreign keys come from the REST schema cache (what the API serves is what gets typed); enums, domains, composites,
// view column sources, functions, comments and the RPC registry are read here (superuser pool, schemas as a parameter).
import type { Pool } from 'pg'
import type { SchemaCache } from '../../rest/schema/schema-types.js'
import { listProcedures } from '../../rpc/procedure-store.js'
import type { CatalogFunction, CatalogRelation, CatalogType, CatalogTypeKind, TypesCatalog } from './types-catalog.js'
import { viewColumnSources } from './view-column-sources.js'

const TYPES_SQL = `
SELECT t.oid::int8 AS oid, n.nspname AS schema, t.typname AS name, t.typtype AS typtype, t.typcategory AS category,
       t.typelem::int8 AS elem, t.typbasetype::int8 AS base, t.typnotnull AS not_null, c.relkind AS relkind, t.typrelid::int8 AS relid,
       CASE WHEN t.typtype = 'e' THEN array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS labels,
       CASE WHEN c.relkind = 'c' THEN (SELECT coalesce(json_agg(json_build_object('name', a.attname, 'typeOid', a.atttypid::int8) ORDER BY a.attnum), '[]')
                                       FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attributes,
       t.oid >= 16384 AND EXISTS (SELECT FROM pg_cast k WHERE k.castsource = t.oid AND k.casttarget = 'json'::regtype AND k.castmethod = 'f') AS json_cast
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class c ON c.oid = t.typrelid
WHERE n.nspname NOT IN ('pg_toast', 'information_schema') AND n.nspname NOT LIKE 'pg\\_temp\\_%'
  AND NOT (t.typtype = 'c' AND n.nspname = 'pg_catalog')`

/** Functions a client can call by name: not an extension's, not trigger or internal plumbing. */
const FUNCTIONS_SQL = `
SELECT n.nspname AS schema, p.proname AS name, p.proretset AS returns_set, p.prorettype::int8 AS return_type,
       p.pronargdefaults AS n_defaults, coalesce(p.proargnames, '{}')::text[] AS arg_names,
       coalesce(p.proargmodes::text[], '{}') AS arg_modes,
       coalesce(p.proallargtypes::int8[], p.proargtypes::oid[]::int8[]) AS arg_types,
       obj_description(p.oid, 'pg_proc') AS comment
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_type rt ON rt.oid = p.prorettype
WHERE p.prokind = 'f' AND n.nspname = ANY($1::text[])
  AND NOT (rt.typtype = 'p' AND rt.typname NOT IN ('void', 'record'))
  AND NOT ('internal'::regtype = ANY(p.proargtypes))
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY n.nspname, p.proname, p.oid`

const VIEW_RULES_SQL = `
SELECT r.ev_class::int8 AS relid, r.ev_action::text AS action
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename = '_RETURN' AND c.relkind IN ('v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`

const COMMENTS_SQL = `
SELECT d.objoid::int8 AS relid, d.objsubid AS attnum, d.description
FROM pg_description d JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE d.classoid = 'pg_class'::regclass AND n.nspname = ANY($1::text[])`

const ARRAY_DIMS_SQL = `
SELECT a.attrelid::int8 AS relid, a.attnum, a.attndims AS dims
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attndims > 1 AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname = ANY($1::text[])`

interface TypeRow {
  oid: string; schema: string; name: string; typtype: string; category: string; elem: string; base: string; not_null: boolean
  relkind: string | null; relid: string; labels: string[] | null; attributes: Array<{ name: string; typeOid: number }> | null; json_cast: boolean
}
interface FunctionRow {
  schema: string; name: string; returns_set: boolean; return_type: string; n_defaults: number
  arg_names: string[]; arg_modes: string[]; arg_types: string[]; comment: string | null
}

function typeKind(r: TypeRow): CatalogTypeKind {
  if (r.category === 'A' && r.typtype === 'b') return 'array'
  const kinds: Record<string, CatalogTypeKind> = { e: 'enum', d: 'domain', c: 'composite', r: 'range', m: 'multirange', p: 'pseudo' }
  return kinds[r.typtype] ?? 'base'
}

function toType(r: TypeRow): CatalogType {
  const kind = typeKind(r)
  const t: CatalogType = { oid: Number(r.oid), schema: r.schema, name: r.name, kind }
  if (kind === 'array') t.elementOid = Number(r.elem)
  if (kind === 'domain') {
    t.baseOid = Number(r.base)
    t.notNull = r.not_null
  }
  if (r.labels) t.labels = r.labels
  if (r.attributes) t.attributes = r.attributes.map((a) => ({ name: a.name, typeOid: Number(a.typeOid) }))
  if (kind === 'composite' && r.relkind !== 'c') t.relationOid = Number(r.relid)
  if (r.json_cast) t.hasJsonCast = true
  return t
}

function toFunction(f: FunctionRow): CatalogFunction {
  const modes = f.arg_modes.length ? f.arg_modes : f.arg_types.map(() => 'i')
  const args: CatalogFunction['args'] = []
  const outColumns: CatalogFunction['outColumns'] = []
  modes.forEach((mode, i) => {
    const name = f.arg_names[i] ?? ''
    const typeOid = Number(f.arg_types[i])
    if (mode === 'i' || mode === 'b' || mode === 'v') args.push({ name, typeOid, hasDefault: false })
    if (mode === 'o' || mode === 'b' || mode === 't') outColumns.push({ name, typeOid })
  })
  for (let i = Math.max(0, args.length - f.n_defaults); i < args.length; i++) args[i].hasDefault = true
  return {
    schema: f.schema, name: f.name, args, outColumns, returnTypeOid: Number(f.return_type), returnsSet: f.returns_set,
    ...(f.comment ? { comment: f.comment } : {}),
  }
}

export async function readTypesCatalog(admin: Pool, cache: SchemaCache, schemas: string[]): Promise<TypesCatalog> {
  const [types, functions, rules, comments, dims, procedures] = await Promise.all([
    admin.query<TypeRow>(TYPES_SQL),
    admin.query<FunctionRow>(FUNCTIONS_SQL, [schemas]),
    admin.query<{ relid: string; action: string }>(VIEW_RULES_SQL),
    admin.query<{ relid: string; attnum: number; description: string }>(COMMENTS_SQL, [schemas]),
    admin.query<{ relid: string; attnum: number; dims: number }>(ARRAY_DIMS_SQL, [schemas]),
    listProcedures(admin),
  ])
  const sourcesByView = new Map(rules.rows.map((r) => [Number(r.relid), viewColumnSources(r.action)]))
  const commentOf = new Map(comments.rows.map((c) => [`${c.relid}:${c.attnum}`, c.description]))
  const dimsOf = new Map(dims.rows.map((d) => [`${d.relid}:${d.attnum}`, d.dims]))

  const relations: CatalogRelation[] = [...cache.relations.values()].map((rel) => {
    const sources = sourcesByView.get(rel.oid)
    return {
      oid: rel.oid, schema: rel.schema, name: rel.name, kind: rel.kind, uniqueKeys: rel.uniqueKeys,
      insertable: rel.insertable, updatable: rel.updatable,
      ...(commentOf.has(`${rel.oid}:0`) ? { comment: commentOf.get(`${rel.oid}:0`) } : {}),
      columns: rel.columns.map((c) => ({
        name: c.name, attnum: c.position, typeOid: c.typeOid, nullable: c.nullable, hasDefault: c.hasDefault,
        identity: c.identity, generated: c.generated,
        ...(sources?.has(c.name) ? { source: sources.get(c.name) } : {}),
        ...(dimsOf.has(`${rel.oid}:${c.position}`) ? { dims: dimsOf.get(`${rel.oid}:${c.position}`) } : {}),
        ...(commentOf.has(`${rel.oid}:${c.position}`) ? { comment: commentOf.get(`${rel.oid}:${c.position}`) } : {}),
      })),
    }
  })
  return {
    relations,
    foreignKeys: cache.foreignKeys,
    types: types.rows.map(toType),
    functions: functions.rows.map(toFunction),
    procedures: procedures
      .filter((p) => p.enabled)
      .map((p) => ({ namespace: p.namespace, name: p.name, inputSchema: p.inputSchema, outputSchema: p.outputSchema, description: p.description })),
  }
}
