// studio/meta/triggers-sql.ts — a table's user triggers (internal constraint triggers left out).
export const TRIGGERS_SQL = `
SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS definition, t.tgenabled <> 'D' AS enabled
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relname = $2 AND NOT t.tgisinternal
 ORDER BY t.tgname`
