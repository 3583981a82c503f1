// realtime/subscribe-request.ts — validates what a WebSocket subscribe frame or an SSE query asks for: the table
// must be enabled in the registry, the event known, the filter well-formed and on a real column. Shared by both
// transports so they refuse the same things with the same words.
import type { Pool } from 'pg'
import { ApiError } from '../errors.js'
import { FilterError, parseRealtimeFilter, type RowFilter } from './realtime-filter.js'
import type { RowEvent, SchemaRegistry } from './schema-registry.js'

export interface SubscribeInput {
  schema?: unknown
  table?: unknown
  event?: unknown
  filter?: unknown
}

export interface ResolvedSubscribe {
  schema: string
  table: string
  event: RowEvent | '*'
  filter?: RowFilter
  filterText?: string
}

const COLUMNS_SQL = `SELECT attname FROM pg_attribute
  WHERE attrelid = to_regclass(quote_ident($1) || '.' || quote_ident($2)) AND attnum > 0 AND NOT attisdropped`

export async function resolveSubscribe(input: SubscribeInput, registry: SchemaRegistry, admin: Pool): Promise<ResolvedSubscribe> {
  const schema = typeof input.schema === 'string' && input.schema ? input.schema : 'public'
  const table = typeof input.table === 'string' ? input.table : ''
  if (!table) throw new ApiError(400, 'REALTIME_TABLE_REQUIRED', 'table is required for subscribe')
  const event = (typeof input.event === 'string' && input.event ? input.event : '*').toUpperCase()
  if (!['*', 'INSERT', 'UPDATE', 'DELETE'].includes(event)) {
    throw new ApiError(400, 'REALTIME_BAD_EVENT', `unknown event "${String(input.event)}": use INSERT, UPDATE, DELETE or *`)
  }
  const entry = registry.enabled(schema, table)
  if (!entry) {
    throw new ApiError(404, 'REALTIME_NOT_ENABLED', `realtime is not enabled for table "${schema}.${table}"`, undefined, 'enable it with POST /api/v1/admin/realtime/tables')
  }
  let filter: RowFilter | undefined
  const filterText = typeof input.filter === 'string' && input.filter ? input.filter : undefined
  if (filterText) {
    try {
      filter = parseRealtimeFilter(filterText)
    } catch (err) {
      if (err instanceof FilterError) throw new ApiError(400, 'REALTIME_BAD_FILTER', err.message)
      throw err
    }
    const { rows } = await admin.query<{ attname: string }>(COLUMNS_SQL, [schema, table])
    if (!rows.some((r) => r.attname === filter!.column)) {
      throw new ApiError(400, 'REALTIME_BAD_FILTER', `unknown column "${filter.column}" in filter on table "${schema}.${table}"`)
    }
    if (entry.excluded_columns.includes(filter.column)) {
      throw new ApiError(400, 'REALTIME_BAD_FILTER', `column "${filter.column}" is excluded from realtime on table "${schema}.${table}"`)
    }
  }
  return { schema, table, event: event as RowEvent | '*', filter, filterText }
}
