// studio/table-keys-routes.ts — GET /studio/api/meta/table-keys: every table's primary key and NOT NULL columns,
// in one catalog query. The table browser loads it with the table list so that, on opening a table, it can ask
// for the first rows (ordered by the key, as every page is) at the same moment as the table's structure.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { checkStudioToken } from './studio-auth.js'

const TABLE_KEYS_SQL = `
SELECT n.nspname AS schema, c.relname AS name,
       ARRAY(SELECT a.attname::text FROM pg_constraint pk CROSS JOIN LATERAL unnest(pk.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = pk.conrelid AND a.attnum = k.n
              WHERE pk.conrelid = c.oid AND pk.contype = 'p' ORDER BY k.i) AS primary_key,
       ARRAY(SELECT a.attname::text FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull ORDER BY a.attnum) AS not_null
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r','p','v','m','f')
   AND n.nspname NOT IN ('pg_catalog','information_schema','pg_toast','fluxbase_meta')
   AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
   AND NOT c.relispartition`

export async function registerStudioTableKeysRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/studio/api/meta/table-keys', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const { rows } = await ctx.pools.admin.query<{ schema: string; name: string; primary_key: string[]; not_null: string[] }>(TABLE_KEYS_SQL)
    return { keys: rows }
  })
}
