// realtime/admin-routes.ts — which tables deliver realtime events: POST/GET /api/v1/admin/realtime/tables and
// GET/PATCH/DELETE …/tables/{schema}/{table} (service_role only). Enabling sets REPLICA IDENTITY FULL, so UPDATEs
// and DELETEs carry the whole old row (for old_record, filters and the DELETE access check).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'
import type { RealtimeService } from './realtime-service.js'
import { quoteIdent, quoteQualified } from '../postgres/quote-ident.js'
import { registryEntryFromRow, ROW_EVENTS, SELECT_ENTRIES, type RowEvent } from './schema-registry.js'

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_toast', 'auth', 'realtime', 'dashboard', 'fluxbase_meta'])

function identifier(value: unknown, what: string): string {
  if (typeof value !== 'string' || !value || value.length > 63) throw new ApiError(400, 'INVALID_IDENTIFIER', `invalid ${what} name`)
  return value
}

function events(value: unknown): RowEvent[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw new ApiError(400, 'INVALID_EVENTS', 'events must be an array of INSERT, UPDATE, DELETE')
  if (value.length === 0) return undefined
  for (const e of value) {
    if (!(ROW_EVENTS as unknown[]).includes(e)) throw new ApiError(400, 'INVALID_EVENTS', `Invalid event type: ${String(e)}. Must be INSERT, UPDATE, or DELETE`)
  }
  return [...new Set(value as RowEvent[])]
}

function columns(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw new ApiError(400, 'INVALID_EXCLUDE', 'exclude must be an array of column names')
  return value.map((c) => identifier(c, 'excluded column'))
}

export async function registerRealtimeAdminRoutes(app: FastifyInstance, rt: RealtimeService): Promise<void> {
  const admin = rt.ctx.pools.admin

  async function requireServiceRole(request: FastifyRequest): Promise<void> {
    const identity = await rt.ctx.identify(request)
    if (identity.dbRole !== 'service_role') throw new ApiError(403, 'FORBIDDEN', 'service_role required to manage realtime tables')
  }

  async function tableExists(schema: string, table: string): Promise<boolean> {
    const { rows } = await admin.query(
      `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
      [schema, table],
    )
    return rows.length > 0
  }

  const notFound = (schema: string, table: string) => new ApiError(404, 'TABLE_NOT_FOUND', `Table '${schema}.${table}' does not exist`)

  app.post('/api/v1/admin/realtime/tables', async (request, reply) => {
    await requireServiceRole(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const schema = body.schema === undefined || body.schema === '' ? 'public' : identifier(body.schema, 'schema')
    const table = identifier(body.table, 'table')
    const evs = events(body.events) ?? ROW_EVENTS
    const exclude = columns(body.exclude) ?? []
    if (SYSTEM_SCHEMAS.has(schema)) throw new ApiError(400, 'SYSTEM_SCHEMA', `Cannot enable realtime on system schema '${schema}'`)
    if (!(await tableExists(schema, table))) throw notFound(schema, table)
    const client = await admin.connect()
    try {
      await client.query('BEGIN')
      await client.query(`ALTER TABLE ${quoteQualified(schema, table)} REPLICA IDENTITY FULL`)
      await client.query(
        `INSERT INTO realtime.schema_registry (schema_name, table_name, realtime_enabled, events, excluded_columns)
         VALUES ($1, $2, true, $3, $4)
         ON CONFLICT (schema_name, table_name) DO UPDATE
           SET realtime_enabled = true, events = EXCLUDED.events, excluded_columns = EXCLUDED.excluded_columns, updated_at = now()`,
        [schema, table, evs, exclude],
      )
      const { rows } = await client.query(`${SELECT_ENTRIES} WHERE schema_name = $1 AND table_name = $2`, [schema, table])
      await client.query('COMMIT')
      rt.registry.put(registryEntryFromRow(rows[0]))
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      // On a server where the runtime's role is not a superuser (--database-url), it can set REPLICA IDENTITY and
      // publish only the tables it owns.
      if ((err as { code?: string }).code === '42501') {
        const { rows } = await admin.query<{ me: string; owner: string }>('SELECT current_user AS me, pg_get_userbyid(c.relowner) AS owner FROM pg_class c WHERE c.oid = to_regclass($1)', [quoteQualified(schema, table)])
        const who = rows[0]
        throw new ApiError(403, 'NOT_TABLE_OWNER', `cannot enable realtime on '${schema}.${table}': it belongs to role "${who?.owner}", and the studio's role "${who?.me}" is not a superuser; enabling takes the owner's rights (REPLICA IDENTITY FULL, the realtime publication)`, undefined, `as "${who?.owner}" or a superuser: GRANT ${quoteIdent(who?.owner ?? '')} TO ${quoteIdent(who?.me ?? '')}, or ALTER TABLE ${quoteQualified(schema, table)} OWNER TO ${quoteIdent(who?.me ?? '')}`)
      }
      throw err
    } finally {
      client.release()
    }
    return reply.status(201).send({ schema, table, events: evs, exclude, realtime_enabled: true, replica_identity: 'full' })
  })

  app.get('/api/v1/admin/realtime/tables', async (request) => {
    await requireServiceRole(request)
    const enabledOnly = ((request.query ?? {}) as Record<string, string>).enabled !== 'false'
    const { rows } = await admin.query(`${SELECT_ENTRIES}${enabledOnly ? ' WHERE realtime_enabled' : ''} ORDER BY schema_name, table_name`)
    const tables = rows.map(registryEntryFromRow)
    return { tables, count: tables.length }
  })

  app.get('/api/v1/admin/realtime/tables/:schema/:table', async (request) => {
    await requireServiceRole(request)
    const { schema, table } = request.params as { schema: string; table: string }
    const { rows } = await admin.query(`${SELECT_ENTRIES} WHERE schema_name = $1 AND table_name = $2`, [schema, table])
    if (rows[0]) return registryEntryFromRow(rows[0])
    if (!(await tableExists(schema, table))) throw notFound(schema, table)
    return { schema, table, realtime_enabled: false, events: [], excluded_columns: [] }
  })

  app.patch('/api/v1/admin/realtime/tables/:schema/:table', async (request) => {
    await requireServiceRole(request)
    const { schema, table } = request.params as { schema: string; table: string }
    const body = (request.body ?? {}) as Record<string, unknown>
    const evs = events(body.events)
    const exclude = columns(body.exclude)
    if (!evs && !exclude) throw new ApiError(400, 'NO_UPDATES', 'No updates provided')
    const { rows } = await admin.query(
      `UPDATE realtime.schema_registry
          SET events = coalesce($3, events), excluded_columns = coalesce($4, excluded_columns), updated_at = now()
        WHERE schema_name = $1 AND table_name = $2 AND realtime_enabled
        RETURNING id`,
      [schema, table, evs ?? null, exclude ?? null],
    )
    if (!rows.length) throw new ApiError(404, 'REALTIME_NOT_ENABLED', `Realtime not enabled on table '${schema}.${table}'`)
    const fresh = await admin.query(`${SELECT_ENTRIES} WHERE id = $1`, [rows[0].id])
    rt.registry.put(registryEntryFromRow(fresh.rows[0]))
    return { success: true, message: `Realtime configuration updated for '${schema}.${table}'` }
  })

  app.delete('/api/v1/admin/realtime/tables/:schema/:table', async (request) => {
    await requireServiceRole(request)
    const { schema, table } = request.params as { schema: string; table: string }
    if (!(await tableExists(schema, table))) throw notFound(schema, table)
    const { rows } = await admin.query(
      `UPDATE realtime.schema_registry SET realtime_enabled = false, updated_at = now() WHERE schema_name = $1 AND table_name = $2 RETURNING id`,
      [schema, table],
    )
    if (rows[0]) {
      const fresh = await admin.query(`${SELECT_ENTRIES} WHERE id = $1`, [rows[0].id])
      rt.registry.put(registryEntryFromRow(fresh.rows[0]))
    }
    return { success: true, message: `Realtime disabled on table '${schema}.${table}'` }
  })
}
