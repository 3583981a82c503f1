// realtime/policy-catalog.ts — reads, per table and database role, what visibility-sql.ts needs from the catalog
// (RLS on/off, the SELECT policies that apply to the role). Cached; the fan-out drops the cache whenever the change
// stream carries a DDL mark, so a new or dropped policy applies from the next event on.
import type { Pool } from 'pg'
import type { TablePolicies } from './visibility-sql.js'

const POLICIES_SQL = `
SELECT n.nspname AS schema, c.relname AS "table", c.relrowsecurity AS rls,
       coalesce((SELECT json_agg(json_build_object('permissive', p.polpermissive, 'qual', pg_get_expr(p.polqual, p.polrelid)) ORDER BY p.polname)
                   FROM pg_policy p
                  WHERE p.polrelid = c.oid AND p.polcmd IN ('r', '*') AND p.polqual IS NOT NULL
                    AND ('0'::oid = ANY (p.polroles) OR EXISTS (SELECT 1 FROM unnest(p.polroles) r WHERE pg_has_role($2::name, r, 'MEMBER')))),
                '[]'::json) AS policies
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.oid = $1`

const TTL_MS = 60_000

export function createPolicyCatalog(admin: Pool) {
  const cache = new Map<string, { at: number; value: Promise<TablePolicies | undefined> }>()
  let epoch = 0

  async function load(relationOid: number, role: string): Promise<TablePolicies | undefined> {
    const { rows } = await admin.query(POLICIES_SQL, [relationOid, role])
    const r = rows[0]
    if (!r) return undefined
    const policies = r.policies as { permissive: boolean; qual: string }[]
    return {
      relationOid,
      schema: r.schema,
      table: r.table,
      rowSecurity: r.rls,
      permissive: policies.filter((p) => p.permissive).map((p) => p.qual),
      restrictive: policies.filter((p) => !p.permissive).map((p) => p.qual),
    }
  }

  return {
    get(relationOid: number, role: string): Promise<TablePolicies | undefined> {
      const key = `${relationOid}:${role}`
      const hit = cache.get(key)
      if (hit && Date.now() - hit.at < TTL_MS) return hit.value
      const value = load(relationOid, role)
      value.catch(() => cache.delete(key))
      cache.set(key, { at: Date.now(), value })
      return value
    },
    invalidate(): void {
      cache.clear()
      epoch++
    },
    get epoch() {
      return epoch
    },
  }
}

export type PolicyCatalog = ReturnType<typeof createPolicyCatalog>
