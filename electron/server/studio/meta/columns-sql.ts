// studio/meta/columns-sql.ts — a table's columns: type, nullability, default, identity/generated, and whether each
// is part of the primary key. Parameters: $1 schema, $2 table.
export const COLUMNS_SQL = `
SELECT a.attnum AS position, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       t.typname AS udt, t.typcategory AS category, NOT a.attnotnull AS nullable,
       pg_get_expr(d.adbin, d.adrelid) AS default_value,
       CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' ELSE NULL END AS identity,
       CASE WHEN a.attgenerated = 's' THEN pg_get_expr(d.adbin, d.adrelid) ELSE NULL END AS generated,
       coalesce(a.attnum = ANY(pk.conkey), false) AS primary_key,
       col_description(c.oid, a.attnum) AS comment
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
  LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
 WHERE n.nspname = $1 AND c.relname = $2
 ORDER BY a.attnum`
