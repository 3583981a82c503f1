// studio/realtime-inspector/realtime-tables.ts — every table realtime could deliver (what the admin API accepts), with
// whether it does: the registry's flag and events, RLS, and the replica identity that decides what old rows carry.
import type { RealtimeService } from '../../realtime/realtime-service.js'
import type { RealtimeTableInfo } from '../../../../contract/studio-realtime.js'

// The schemas the admin API refuses (realtime/admin-routes.ts), plus PostgreSQL's own.
const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS "table", c.relrowsecurity AS rls_enabled, c.relreplident AS ident
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'auth', 'realtime', 'dashboard', 'fluxbase_meta')
   AND n.nspname NOT LIKE 'pg\\_%'
 ORDER BY n.nspname <> 'public', n.nspname, c.relname`

const IDENT: Record<string, RealtimeTableInfo['replica_identity']> = { d: 'default', f: 'full', n: 'nothing', i: 'index' }

export async function realtimeTables(rt: RealtimeService): Promise<RealtimeTableInfo[]> {
  const { rows } = await rt.ctx.pools.admin.query<{ schema: string; table: string; rls_enabled: boolean; ident: string }>(TABLES_SQL)
  return rows.map((r) => {
    const entry = rt.registry.get(r.schema, r.table)
    return {
      schema: r.schema,
      table: r.table,
      realtime_enabled: entry?.realtime_enabled ?? false,
      events: entry?.realtime_enabled ? entry.events : [],
      excluded_columns: entry?.excluded_columns ?? [],
      rls_enabled: r.rls_enabled,
      replica_identity: IDENT[r.ident] ?? 'default',
    }
  })
}
