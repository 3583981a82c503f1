// studio/rls/advisor.ts — findings about row-level security, each with the SQL that fixes it (shown, applied only
// when the user confirms). One catalog query per kind of finding.
import type { Pool } from 'pg'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'
import { tableGrantAdvice } from '../../grant-advice.js'

export interface Finding {
  id: string
  kind: 'rls_off_exposed' | 'rls_on_no_policies' | 'per_row_function' | 'unindexed_policy_column' | 'definer_without_search_path' | 'policy_role_without_grant'
  severity: 'error' | 'warning' | 'info'
  title: string
  detail: string
  table?: string
  fixSql: string
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog','information_schema','pg_toast','fluxbase_meta') AND n.nspname NOT LIKE 'pg_temp%'`
/** The runtime's own tables (storage.buckets, auth.users, …) are set up by the runtime: not the app's to fix. */
const NOT_RUNTIME = `n.nspname NOT IN ('auth','storage','realtime')`

async function rlsOffExposed(admin: Pool): Promise<Finding[]> {
  const { rows } = await admin.query(`
    SELECT n.nspname AS schema, c.relname AS name,
           array_remove(ARRAY[CASE WHEN has_table_privilege('anon', c.oid, 'SELECT,INSERT,UPDATE,DELETE') THEN 'anon' END,
                              CASE WHEN has_table_privilege('authenticated', c.oid, 'SELECT,INSERT,UPDATE,DELETE') THEN 'authenticated' END], NULL) AS roles
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r','p') AND NOT c.relrowsecurity AND ${USER_SCHEMAS} AND n.nspname NOT IN ('auth','storage','realtime','rpc')
       AND (has_schema_privilege('anon', n.oid, 'USAGE') OR has_schema_privilege('authenticated', n.oid, 'USAGE'))
       AND (has_table_privilege('anon', c.oid, 'SELECT,INSERT,UPDATE,DELETE') OR has_table_privilege('authenticated', c.oid, 'SELECT,INSERT,UPDATE,DELETE'))`)
  return rows.map((r) => ({
    id: `rls_off:${r.schema}.${r.name}`,
    kind: 'rls_off_exposed',
    severity: 'error',
    title: `RLS is off on ${r.schema}.${r.name}, which ${r.roles.join(' and ')} can reach`,
    detail: `Every row is readable (and writable, as far as the grants go) by any app user. Enable RLS, then add policies for what each role may do.`,
    table: `${r.schema}.${r.name}`,
    fixSql: `ALTER TABLE ${quoteQualified(r.schema, r.name)} ENABLE ROW LEVEL SECURITY;`,
  }))
}

async function rlsOnNoPolicies(admin: Pool): Promise<Finding[]> {
  const { rows } = await admin.query(`
    SELECT n.nspname AS schema, c.relname AS name,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'user_id' AND NOT a.attisdropped) AS has_user_id
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r','p') AND c.relrowsecurity AND ${USER_SCHEMAS} AND ${NOT_RUNTIME}
       AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)`)
  return rows.map((r) => {
    const t = quoteQualified(r.schema, r.name)
    return {
      id: `no_policies:${r.schema}.${r.name}`,
      kind: 'rls_on_no_policies',
      severity: 'warning',
      title: `RLS is on for ${r.schema}.${r.name}, but it has no policies`,
      detail: 'Every query from the API returns no rows and every write is refused. Add a policy (the fix is a starting point to adapt).',
      table: `${r.schema}.${r.name}`,
      fixSql: r.has_user_id
        ? `CREATE POLICY "owner can do everything" ON ${t} FOR ALL TO authenticated\n  USING (user_id = (select auth.uid()))\n  WITH CHECK (user_id = (select auth.uid()));`
        : `CREATE POLICY "authenticated can read" ON ${t} FOR SELECT TO authenticated USING (true);`,
    }
  })
}

/** auth.uid(), auth.jwt(), auth.role() and current_setting(...) called per row, i.e. not already inside (select …). */
const PER_ROW_CALL = /(?<!SELECT\s)\b(auth\.(?:uid|jwt|role|email)\(\)|current_setting\((?:[^()]|\([^()]*\))*\))/gi

export function wrapPerRowCalls(expr: string): string {
  return expr.replace(PER_ROW_CALL, (call) => `( SELECT ${call})`)
}

async function perRowFunctions(admin: Pool): Promise<Finding[]> {
  const { rows } = await admin.query(`
    SELECT n.nspname AS schema, c.relname AS name, p.polname AS policy,
           pg_get_expr(p.polqual, p.polrelid) AS using_expr, pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_SCHEMAS}`)
  const out: Finding[] = []
  for (const r of rows) {
    const fixes: string[] = []
    for (const [clause, expr] of [['USING', r.using_expr], ['WITH CHECK', r.check_expr]] as const) {
      if (expr && wrapPerRowCalls(expr) !== expr) fixes.push(`${clause} (${wrapPerRowCalls(expr)})`)
    }
    if (!fixes.length) continue
    out.push({
      id: `per_row:${r.schema}.${r.name}.${r.policy}`,
      kind: 'per_row_function',
      severity: 'info',
      title: `Policy "${r.policy}" on ${r.schema}.${r.name} calls a function for every row`,
      detail: 'Wrapping auth.uid() / current_setting(…) in (select …) lets PostgreSQL evaluate it once per query instead of once per row: the same answer, much faster on big tables.',
      table: `${r.schema}.${r.name}`,
      fixSql: `ALTER POLICY ${quoteIdent(r.policy)} ON ${quoteQualified(r.schema, r.name)}\n  ${fixes.join('\n  ')};`,
    })
  }
  return out
}

async function unindexedPolicyColumns(admin: Pool): Promise<Finding[]> {
  // pg_depend records which columns a policy's expressions reference.
  const { rows } = await admin.query(`
    SELECT DISTINCT n.nspname AS schema, c.relname AS name, a.attname AS column, p.polname AS policy
      FROM pg_policy p
      JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjid = p.polrelid AND d.refobjsubid > 0
      JOIN pg_attribute a ON a.attrelid = p.polrelid AND a.attnum = d.refobjsubid
      JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_SCHEMAS} AND ${NOT_RUNTIME}
       AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = p.polrelid AND i.indkey[0] = a.attnum)
     ORDER BY 1, 2, 3`)
  const seen = new Set<string>()
  return rows.flatMap((r) => {
    const key = `${r.schema}.${r.name}.${r.column}`
    if (seen.has(key)) return []
    seen.add(key)
    return [
      {
        id: `unindexed:${key}`,
        kind: 'unindexed_policy_column' as const,
        severity: 'info' as const,
        title: `${r.schema}.${r.name}.${r.column} is used by policy "${r.policy}" but not indexed`,
        detail: 'Without an index, the policy filter scans the whole table on every query.',
        table: `${r.schema}.${r.name}`,
        fixSql: `CREATE INDEX ON ${quoteQualified(r.schema, r.name)} (${quoteIdent(r.column)});`,
      },
    ]
  })
}

async function definerWithoutSearchPath(admin: Pool): Promise<Finding[]> {
  const { rows } = await admin.query(`
    SELECT n.nspname AS schema, f.proname AS name, pg_get_function_identity_arguments(f.oid) AS args
      FROM pg_proc f JOIN pg_namespace n ON n.oid = f.pronamespace
     WHERE f.prosecdef AND ${USER_SCHEMAS} AND n.nspname NOT IN ('auth','storage','realtime','rpc')
       AND NOT EXISTS (SELECT 1 FROM unnest(coalesce(f.proconfig, '{}')) cfg WHERE cfg LIKE 'search_path=%')`)
  return rows.map((r) => ({
    id: `definer:${r.schema}.${r.name}(${r.args})`,
    kind: 'definer_without_search_path',
    severity: 'warning',
    title: `SECURITY DEFINER function ${r.schema}.${r.name}(${r.args}) has no fixed search_path`,
    detail: 'It runs with its owner\'s rights; a caller who can create objects in a schema on the search path could make it run their code. Pin the search_path.',
    fixSql: `ALTER FUNCTION ${quoteQualified(r.schema, r.name)}(${r.args}) SET search_path = pg_catalog, ${quoteIdent(r.schema)};`,
  }))
}

async function policyRolesWithoutGrant(admin: Pool): Promise<Finding[]> {
  const { rows } = await admin.query(`
    WITH pol AS (
      SELECT n.nspname AS schema, c.relname AS name, c.oid AS reloid, p.polname AS policy, c.relrowsecurity AS rls,
             CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'SELECT' END AS priv,
             CASE WHEN p.polroles = '{0}' THEN ARRAY['anon','authenticated'] ELSE ARRAY(SELECT rolname::text FROM pg_roles WHERE oid = ANY(p.polroles)) END AS roles
        FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE ${USER_SCHEMAS} AND n.nspname NOT IN ('auth','storage','realtime','rpc'))
    SELECT schema, name, policy, priv, role, rls, p.polroles_public
      FROM (SELECT pol.*, r AS role, pol.roles = ARRAY['anon','authenticated'] AS polroles_public FROM pol, unnest(pol.roles) r) p
     WHERE role IN ('anon','authenticated') AND NOT has_table_privilege(role, reloid, priv)`)
  // A policy TO public naturally lacks grants for anon when only authenticated is meant: report only explicit roles.
  return rows
    .filter((r) => !r.polroles_public)
    .map((r) => ({
      id: `no_grant:${r.schema}.${r.name}.${r.policy}.${r.role}`,
      kind: 'policy_role_without_grant' as const,
      severity: 'warning' as const,
      title: `Policy "${r.policy}" on ${r.schema}.${r.name} is for ${r.role}, which lacks ${r.priv}`,
      detail: `Without the privilege the query fails with "permission denied" before any policy is looked at, so this policy can never apply.`,
      table: `${r.schema}.${r.name}`,
      // With RLS off the policy does not apply at all: the grant alone would hand the role every row.
      fixSql: r.rls
        ? tableGrantAdvice({ schema: r.schema, name: r.name, sqlName: quoteQualified(r.schema, r.name), rlsEnabled: true }, [r.priv], r.role)
        : `ALTER TABLE ${quoteQualified(r.schema, r.name)} ENABLE ROW LEVEL SECURITY;\nGRANT ${r.priv} ON ${quoteQualified(r.schema, r.name)} TO ${r.role};`,
    }))
}

export async function adviseRls(admin: Pool): Promise<Finding[]> {
  const groups = await Promise.all([rlsOffExposed(admin), rlsOnNoPolicies(admin), policyRolesWithoutGrant(admin), definerWithoutSearchPath(admin), perRowFunctions(admin), unindexedPolicyColumns(admin)])
  return groups.flat()
}
