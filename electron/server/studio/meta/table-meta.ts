// studio/meta/table-meta.ts — runs the catalog templates for the table browser (list, and one table's structure).
import type { Pool } from 'pg'
import { ApiError } from '../../errors.js'
import { TABLES_SQL } from './tables-sql.js'
import { COLUMNS_SQL } from './columns-sql.js'
import { CONSTRAINTS_SQL, FOREIGN_KEYS_SQL } from './constraints-sql.js'
import { INDEXES_SQL } from './indexes-sql.js'
import { TRIGGERS_SQL } from './triggers-sql.js'
import { POLICIES_SQL } from './policies-sql.js'
import { GRANTS_SQL } from './grants-sql.js'

export async function listTables(admin: Pool) {
  const realtime = await realtimeTables(admin)
  const { rows } = await admin.query(TABLES_SQL)
  return rows.map((r) => ({ ...r, realtime_enabled: realtime.has(`${r.schema}.${r.name}`) }))
}

/** Tables enabled in realtime.schema_registry, when the realtime module's table exists. */
async function realtimeTables(admin: Pool): Promise<Set<string>> {
  try {
    const { rows } = await admin.query<{ k: string }>(
      "SELECT schema_name || '.' || table_name AS k FROM realtime.schema_registry WHERE coalesce(realtime_enabled, true)",
    )
    return new Set(rows.map((r) => r.k))
  } catch {
    return new Set()
  }
}

export async function describeTable(admin: Pool, schema: string, table: string) {
  const args = [schema, table]
  const exists = await admin.query(
    "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r','p','v','m','f')",
    args,
  )
  if (!exists.rowCount) throw new ApiError(404, 'NOT_FOUND', `Table '${schema}.${table}' not found`)
  const [columns, constraints, foreignKeys, indexes, triggers, policies, grants, rls, realtime] = await Promise.all([
    admin.query(COLUMNS_SQL, args),
    admin.query(CONSTRAINTS_SQL, args),
    admin.query(FOREIGN_KEYS_SQL, args),
    admin.query(INDEXES_SQL, args),
    admin.query(TRIGGERS_SQL, args),
    admin.query(POLICIES_SQL, args),
    admin.query(GRANTS_SQL, args),
    admin.query(
      'SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced, CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END AS estimated_rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
      args,
    ),
    realtimeTables(admin),
  ])
  return {
    schema,
    name: table,
    kind: { r: 'table', p: 'table', v: 'view', m: 'materialized_view', f: 'foreign_table' }[exists.rows[0].relkind as string],
    columns: columns.rows,
    primaryKey: columns.rows.filter((c) => c.primary_key).map((c) => c.name as string),
    constraints: constraints.rows,
    foreignKeys: foreignKeys.rows.filter((f) => f.direction === 'out'),
    referencedBy: foreignKeys.rows.filter((f) => f.direction === 'in'),
    indexes: indexes.rows,
    triggers: triggers.rows,
    policies: policies.rows,
    grants: grants.rows,
    rls: rls.rows[0],
    realtimeEnabled: realtime.has(`${schema}.${table}`),
  }
}
