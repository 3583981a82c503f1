// studio/meta/policies-sql.ts — a table's row-level security policies: kind, command, roles, USING and WITH CHECK.
export const POLICIES_SQL = `
SELECT pol.polname AS name, CASE WHEN pol.polpermissive THEN 'permissive' ELSE 'restrictive' END AS kind,
       CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
       CASE WHEN pol.polroles = '{0}' THEN ARRAY['public'] ELSE ARRAY(SELECT rolname::text FROM pg_roles WHERE oid = ANY(pol.polroles) ORDER BY rolname) END AS roles,
       pg_get_expr(pol.polqual, pol.polrelid) AS using_expression,
       pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expression
  FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relname = $2
 ORDER BY pol.polname`
