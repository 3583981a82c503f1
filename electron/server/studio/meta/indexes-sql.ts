// studio/meta/indexes-sql.ts — a table's indexes with their definitions.
export const INDEXES_SQL = `
SELECT i.relname AS name, pg_get_indexdef(ix.indexrelid) AS definition, ix.indisunique AS unique, ix.indisprimary AS primary,
       pg_relation_size(ix.indexrelid) AS size_bytes
  FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class c ON c.oid = ix.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relname = $2
 ORDER BY ix.indisprimary DESC, i.relname`
