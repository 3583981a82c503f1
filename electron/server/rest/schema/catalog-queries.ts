// rest/schema/catalog-queries.ts — one SQL template per catalog object the schema cache holds (as postgres-meta
// does). Run by load-schema.ts through the superuser pool; constant text, no parameters from requests.

/** Schemas that hold no user data reachable through the API. */
const SYSTEM_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'fluxbase_meta') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"

export const RELATIONS_SQL = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS relkind,
       c.relrowsecurity AS rls, pg_relation_is_updatable(c.oid, true) AS updatable_mask
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND ${SYSTEM_SCHEMAS}`

export const COLUMNS_SQL = `
SELECT a.attrelid::int8 AS relid, a.attname AS name, a.attnum AS position,
       format_type(a.atttypid, a.atttypmod) AS type, a.atttypid::int8 AS type_oid,
       coalesce(bt.typname, t.typname) AS type_name, coalesce(bt.typcategory, t.typcategory) AS category,
       et.typname AS element_type_name, NOT a.attnotnull AS nullable, a.atthasdef AS has_default,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attgenerated <> '' AS generated, a.attidentity AS identity
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
LEFT JOIN pg_type et ON et.oid = coalesce(bt.typelem, t.typelem) AND coalesce(bt.typcategory, t.typcategory) = 'A'
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'f', 'p') AND ${SYSTEM_SCHEMAS}
ORDER BY a.attrelid, a.attnum`

export const KEYS_SQL = `
SELECT con.conrelid::int8 AS relid, con.contype AS kind,
       array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'u') AND ${SYSTEM_SCHEMAS}
UNION ALL
SELECT i.indrelid::int8, 'i', array(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord)::text[]
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = i.indexrelid)
  AND ${SYSTEM_SCHEMAS}`

export const FOREIGN_KEYS_SQL = `
SELECT con.conname AS name, n.nspname AS schema, c.relname AS table,
       array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns,
       rn.nspname AS ref_schema, rc.relname AS ref_table,
       array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS ref_columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype = 'f' AND ${SYSTEM_SCHEMAS}
ORDER BY n.nspname, c.relname, con.conname`

export const TYPES_SQL = `
SELECT t.oid::int8 AS oid, n.nspname AS schema, t.typname AS name, t.typarray::int8 AS array_oid
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype IN ('b', 'd', 'e', 'r', 'm') AND t.typcategory <> 'A' AND n.nspname NOT IN ('pg_toast', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%'`

export const FUNCTIONS_SQL = `
SELECT p.oid::int8 AS oid, n.nspname AS schema, p.proname AS name, p.proretset AS returns_set,
       format_type(p.prorettype, NULL) AS return_type, p.provolatile AS volatility, p.pronargdefaults AS n_defaults,
       coalesce(p.proargnames, '{}')::text[] AS arg_names, coalesce(p.proargmodes::text[], '{}') AS arg_modes,
       coalesce(p.proallargtypes::int8[], p.proargtypes::oid[]::int8[]) AS all_arg_types,
       array(SELECT format_type(x, NULL) FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY u(x, o) ORDER BY o)::text[] AS all_arg_type_names
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind = 'f' AND ${SYSTEM_SCHEMAS} AND n.nspname NOT IN ('auth', 'storage', 'realtime')`

/** The base tables each view reads, through its rewrite rule's column dependencies (for FK inference on views). */
export const VIEW_SOURCES_SQL = `
SELECT DISTINCT v.oid::int8 AS view_oid, d.refobjid::int8 AS table_oid
FROM pg_class v
JOIN pg_namespace n ON n.oid = v.relnamespace
JOIN pg_rewrite r ON r.ev_class = v.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
  AND d.refobjid <> v.oid AND d.refobjsubid > 0
WHERE v.relkind IN ('v', 'm') AND ${SYSTEM_SCHEMAS}`
