// studio/meta/grants-sql.ts — which of the API's roles may do what on a table (table-level privileges).
export const GRANTS_SQL = `
SELECT r.rolname AS role,
       ARRAY(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
              WHERE has_table_privilege(r.oid, c.oid, p)) AS privileges
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN pg_roles r
 WHERE n.nspname = $1 AND c.relname = $2 AND r.rolname IN ('anon','authenticated','service_role')
 ORDER BY r.rolname`
