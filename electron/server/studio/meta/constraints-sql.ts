// studio/meta/constraints-sql.ts — a table's constraints (primary key, unique, check, foreign keys both ways, with
// the columns they join on, so the browser can follow a value to its row and list the rows that point here).
export const CONSTRAINTS_SQL = `
SELECT con.conname AS name,
       CASE con.contype WHEN 'p' THEN 'primary_key' WHEN 'u' THEN 'unique' WHEN 'c' THEN 'check' WHEN 'f' THEN 'foreign_key' WHEN 'x' THEN 'exclusion' WHEN 'n' THEN 'not_null' ELSE con.contype::text END AS type,
       pg_get_constraintdef(con.oid) AS definition,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relname = $2
 ORDER BY con.contype, con.conname`

/** Foreign keys from ($1.$2) to other tables (direction 'out') and from other tables to it ('in'). */
export const FOREIGN_KEYS_SQL = `
SELECT con.conname AS name, CASE WHEN src.relname = $2 AND srcn.nspname = $1 THEN 'out' ELSE 'in' END AS direction,
       srcn.nspname AS from_schema, src.relname AS from_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS from_columns,
       dstn.nspname AS to_schema, dst.relname AS to_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS to_columns
  FROM pg_constraint con
  JOIN pg_class src ON src.oid = con.conrelid JOIN pg_namespace srcn ON srcn.oid = src.relnamespace
  JOIN pg_class dst ON dst.oid = con.confrelid JOIN pg_namespace dstn ON dstn.oid = dst.relnamespace
 WHERE con.contype = 'f' AND ((srcn.nspname = $1 AND src.relname = $2) OR (dstn.nspname = $1 AND dst.relname = $2))
 ORDER BY direction DESC, con.conname`
