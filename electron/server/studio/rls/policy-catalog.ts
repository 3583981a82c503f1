// studio/rls/policy-catalog.ts — a table as the simulator needs it: RLS flags, primary key, columns, and its
// policies with whether each applies to a given database role and command (TO roles, membership, FOR command).
import type { PoolClient } from 'pg'
import { ApiError } from '../../errors.js'
import { splitTopLevel, type ClauseSplit } from './split-clauses.js'

export type PolicyCommand = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'ALL'

export interface PolicyInfo {
  name: string
  kind: 'permissive' | 'restrictive'
  command: PolicyCommand
  roles: string[]
  using: string | null
  check: string | null
  /** Applies to the identity's role (TO public, the role, or a role it is a member of). */
  appliesToRole: boolean
  usingClauses: ClauseSplit | null
  checkClauses: ClauseSplit | null
}

export interface TableInfo {
  schema: string
  name: string
  kind: 'table' | 'view' | 'other'
  rlsEnabled: boolean
  rlsForced: boolean
  owner: string
  primaryKey: string[]
  columns: Array<{ name: string; type: string }>
  policies: PolicyInfo[]
}

export async function loadTableInfo(client: PoolClient, schema: string, table: string, dbRole: string): Promise<TableInfo> {
  const t = await client.query(
    `SELECT c.oid, c.relkind, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, table],
  )
  if (!t.rowCount) throw new ApiError(404, 'NOT_FOUND', `Table '${schema}.${table}' not found`)
  const oid = t.rows[0].oid
  // One after another: a single connection runs one query at a time.
  const cols = await client.query(`SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [oid])
  const pk = await client.query(
    `SELECT a.attname AS name FROM pg_constraint con JOIN LATERAL unnest(con.conkey) WITH ORDINALITY k(n, i) ON true
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n WHERE con.conrelid = $1 AND con.contype = 'p' ORDER BY k.i`,
    [oid],
  )
  const pols = await client.query(
    `SELECT pol.polname AS name, pol.polpermissive AS permissive,
              CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
              CASE WHEN pol.polroles = '{0}' THEN ARRAY['public'] ELSE ARRAY(SELECT rolname::text FROM pg_roles WHERE oid = ANY(pol.polroles) ORDER BY 1) END AS roles,
              pg_get_expr(pol.polqual, pol.polrelid) AS using_expr, pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expr,
              (pol.polroles = '{0}' OR EXISTS (SELECT 1 FROM unnest(pol.polroles) r WHERE pg_has_role($2, r, 'MEMBER'))) AS applies
       FROM pg_policy pol WHERE pol.polrelid = $1 ORDER BY pol.polname`,
    [oid, dbRole],
  )
  const relkind = t.rows[0].relkind as string
  return {
    schema,
    name: table,
    kind: relkind === 'r' || relkind === 'p' ? 'table' : relkind === 'v' || relkind === 'm' ? 'view' : 'other',
    rlsEnabled: t.rows[0].relrowsecurity,
    rlsForced: t.rows[0].relforcerowsecurity,
    owner: t.rows[0].owner,
    primaryKey: pk.rows.map((r) => r.name),
    columns: cols.rows,
    policies: pols.rows.map((p) => ({
      name: p.name,
      kind: p.permissive ? 'permissive' : 'restrictive',
      command: p.command,
      roles: p.roles,
      using: p.using_expr,
      check: p.check_expr,
      appliesToRole: p.applies,
      usingClauses: p.using_expr ? splitTopLevel(p.using_expr) : null,
      checkClauses: p.check_expr ? splitTopLevel(p.check_expr) : null,
    })),
  }
}

/** Policies that govern `command` (FOR that command or FOR ALL). */
export function policiesFor(info: TableInfo, command: Exclude<PolicyCommand, 'ALL'>): PolicyInfo[] {
  return info.policies.filter((p) => p.command === command || p.command === 'ALL')
}
