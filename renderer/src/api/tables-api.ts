// renderer/src/api/tables-api.ts — the table browser's calls: catalog metadata and table DDL through the studio API,
// and row data through the app-facing REST API as the current identity (so the grid shows exactly what that
// identity's app would get). Errors stay ApiCallError with the server's words and hint.
import type { CreateTableSpec, ColumnSpec, DdlResponse, TableKeysResponse, TableListResponse, TableStructure } from '../../../contract/table-meta'
import { parseExact } from '../features/tables/lib/exact-json'
import { readParams, tablePath, totalFromContentRange, type QueryParam, type ReadQuery } from '../features/tables/lib/rest-query'
import type { Row } from '../features/tables/lib/value-types'
import { apiBearer, restCall, studioCall } from './studio-api'
import { studioConnection } from './studio-connection'

const enc = encodeURIComponent

export async function fetchTableList(): Promise<TableListResponse> {
  return studioCall<TableListResponse>('/studio/api/meta/tables')
}

export async function fetchTableKeys(): Promise<TableKeysResponse> {
  return studioCall<TableKeysResponse>('/studio/api/meta/table-keys')
}

export async function fetchStructure(schema: string, table: string, signal?: AbortSignal): Promise<TableStructure> {
  return studioCall<TableStructure>(`/studio/api/meta/tables/${enc(schema)}/${enc(table)}`, { signal })
}

export interface RowsPage {
  rows: Row[]
  total?: number
}

async function readRows(path: string, signal?: AbortSignal): Promise<RowsPage> {
  const res = await restCall<Row[]>(path, { signal, parse: parseExact })
  return { rows: res.data ?? [], total: totalFromContentRange(res.headers.get('Content-Range')) }
}

/** Reads started ahead of need (a table's first rows, asked with its structure), by identity and exact path. */
const prefetched = new Map<string, { at: number; page: Promise<RowsPage> }>()
const PREFETCH_TTL_MS = 10_000

/** Start a read now; the identical fetchRows that follows (same identity, same path) takes its answer. */
export function prefetchRows(schema: string, table: string, query: ReadQuery): void {
  let bearer: string
  try {
    bearer = apiBearer()
  } catch {
    return
  }
  const path = tablePath(schema, table, readParams(query))
  const page = readRows(path)
  page.catch(() => undefined)
  prefetched.set(`${bearer} ${path}`, { at: Date.now(), page })
}

export async function fetchRows(schema: string, table: string, query: ReadQuery, signal?: AbortSignal): Promise<RowsPage> {
  const path = tablePath(schema, table, readParams(query))
  const key = `${apiBearer()} ${path}`
  const early = prefetched.get(key)
  if (early) {
    prefetched.delete(key)
    if (Date.now() - early.at < PREFETCH_TTL_MS) return early.page
  }
  return readRows(path, signal)
}

/**
 * How many rows the filters match. 'exact' runs count(*) (asked for explicitly: on a big table it scans);
 * 'estimated' is exact when the planner expects few rows and the planner's figure otherwise.
 */
export async function countRows(schema: string, table: string, filters: QueryParam[], mode: 'exact' | 'estimated' = 'exact', signal?: AbortSignal): Promise<number> {
  const res = await restCall<Row[]>(tablePath(schema, table, [...filters, ['limit', '0'], ['count', mode]]), { signal })
  return totalFromContentRange(res.headers.get('Content-Range')) ?? 0
}

export interface WriteResult {
  status: number
  body: unknown
}

/** One reviewed write, sent exactly as the review panel showed it. */
export async function sendWrite(method: 'PATCH' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<WriteResult> {
  const res = await restCall<unknown>(path, { method, body, parse: parseExact })
  return { status: res.status, body: res.data }
}

export async function previewCreateTable(spec: CreateTableSpec, signal?: AbortSignal): Promise<DdlResponse> {
  return studioCall<DdlResponse>('/studio/api/ddl/create-table', { body: { ...spec, run: false }, signal })
}

export async function runCreateTable(spec: CreateTableSpec): Promise<DdlResponse> {
  return studioCall<DdlResponse>('/studio/api/ddl/create-table', { body: { ...spec, run: true } })
}

export async function addColumn(schema: string, table: string, column: ColumnSpec, run: boolean, signal?: AbortSignal): Promise<DdlResponse> {
  return studioCall<DdlResponse>('/studio/api/ddl/add-column', { body: { schema, table, column, run }, signal })
}

export async function dropColumn(schema: string, table: string, column: string, cascade: boolean, run: boolean): Promise<DdlResponse> {
  return studioCall<DdlResponse>('/studio/api/ddl/drop-column', { body: { schema, table, column, cascade, run } })
}

/**
 * Turns realtime on or off for a table through the realtime admin API. Managing realtime is a service_role
 * action whatever identity the studio is browsing as, so this call always carries the service-role key.
 */
export async function setRealtime(schema: string, table: string, enabled: boolean): Promise<void> {
  const key = studioConnection().getServiceRoleKey()
  const headers = key ? { Authorization: `Bearer ${key}` } : undefined
  if (enabled) await restCall('/api/v1/admin/realtime/tables', { method: 'POST', body: { schema, table }, headers })
  else await restCall(`/api/v1/admin/realtime/tables/${enc(schema)}/${enc(table)}`, { method: 'DELETE', headers })
}
