// project/studio-writers/realtime-migration.ts — enabling or disabling realtime on a table in the studio becomes
// the project folder's next migration (with its down): the replica identity and the realtime registry row, as
// literal SQL a replay runs. The state before the change is read first, so the down restores exactly that.
import { escapeLiteral } from 'pg'
import type { ServerContext } from '../../context.js'
import { quoteQualified } from '../../postgres/quote-ident.js'
import { ROW_EVENTS } from '../../realtime/schema-registry.js'
import { applyAsMigration, type StudioMigration } from '../studio-migration.js'

export interface RealtimeBefore {
  /** pg_class.relreplident: d(efault), f(ull), n(othing), i(ndex: not restorable by name here). */
  ident: string
  /** The registry row, when there was one. */
  row: { enabled: boolean; events: string[] } | null
}

const IDENT_SQL: Record<string, string> = { d: 'DEFAULT', f: 'FULL', n: 'NOTHING' }

export async function realtimeBefore(ctx: ServerContext, schema: string, table: string): Promise<RealtimeBefore | null> {
  const { rows } = await ctx.pools.admin.query<{ ident: string; enabled: boolean | null; events: string[] | null }>(
    `SELECT c.relreplident AS ident, r.realtime_enabled AS enabled, r.events
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN realtime.schema_registry r ON r.schema_name = n.nspname AND r.table_name = c.relname
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, table],
  )
  if (!rows[0]) return null
  return { ident: rows[0].ident, row: rows[0].enabled === null ? null : { enabled: rows[0].enabled, events: rows[0].events ?? [] } }
}

const textArray = (values: string[]) => `ARRAY[${values.map(escapeLiteral).join(', ')}]::text[]`

function registryUpsert(schema: string, table: string, enabled: boolean, events: string[]): string {
  return `INSERT INTO realtime.schema_registry (schema_name, table_name, realtime_enabled, events) VALUES (${escapeLiteral(schema)}, ${escapeLiteral(table)}, ${enabled}, ${textArray(events)})
  ON CONFLICT (schema_name, table_name) DO UPDATE SET realtime_enabled = EXCLUDED.realtime_enabled, events = EXCLUDED.events, updated_at = now()`
}

/** Writes the change (already made through the realtime admin API) as a migration; re-running it here is a no-op. */
export function writeRealtimeMigration(ctx: ServerContext, schema: string, table: string, enabled: boolean, events: string[] | undefined, before: RealtimeBefore): Promise<StudioMigration> {
  const t = quoteQualified(schema, table)
  const registry = (on: boolean, evs: string[]) => registryUpsert(schema, table, on, evs)
  const up = enabled ? [`ALTER TABLE ${t} REPLICA IDENTITY FULL`, registry(true, events ?? ROW_EVENTS)] : [`UPDATE realtime.schema_registry SET realtime_enabled = false, updated_at = now() WHERE schema_name = ${escapeLiteral(schema)} AND table_name = ${escapeLiteral(table)}`]
  const downRegistry = before.row
    ? registry(before.row.enabled, before.row.events)
    : `DELETE FROM realtime.schema_registry WHERE schema_name = ${escapeLiteral(schema)} AND table_name = ${escapeLiteral(table)}`
  const identBack = IDENT_SQL[before.ident]
  const down = enabled ? (identBack ? [downRegistry, `ALTER TABLE ${t} REPLICA IDENTITY ${identBack}`] : undefined) : [downRegistry]
  return applyAsMigration(ctx, `realtime ${enabled ? 'on' : 'off'} ${schema}.${table}`, up, down)
}
