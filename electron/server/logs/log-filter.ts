// logs/log-filter.ts — what a log query asks for, parsed from query parameters, and the test of one entry against
// it. Pure. `mightMatchRaw` is a cheap necessary condition on the stored JSON line, so searching files parses only
// the lines that can match.
import { ApiError } from '../errors.js'
import type { LogEntry } from './log-entry.js'

export interface LogFilter {
  categories?: string[]
  levels?: string[]
  component?: string
  requestId?: string
  userId?: string
  executionId?: string
  /** Case-insensitive substring of the message, the ids or the fields. */
  search?: string
  regex?: RegExp
  startTime?: string
  endTime?: string
  method?: string
  pathPrefix?: string
  statusMin?: number
  statusMax?: number
  role?: string
  hideStaticAssets?: boolean
  /** The studio's own traffic: its /studio/api requests and the SQL they ran (request ids with STUDIO_REQUEST_PREFIX). */
  hideStudio?: boolean
}

/** Request ids of the studio's own requests start with this (see http/app.ts). */
export const STUDIO_REQUEST_PREFIX = 'studio-'

export interface LogPage {
  limit: number
  offset: number
  sortAsc: boolean
}

const LIST = (v: unknown) => (typeof v === 'string' && v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)
const STR = (v: unknown) => (typeof v === 'string' && v ? v : undefined)

function time(name: string, v: unknown): string | undefined {
  const s = STR(v)
  if (!s) return undefined
  const d = new Date(s)
  if (Number.isNaN(d.getTime())) throw new ApiError(400, 'INVALID_PARAMETER', `${name} must be a date-time (RFC 3339), not "${s}"`)
  return d.toISOString()
}

function int(name: string, v: unknown, min: number, max: number, dflt: number): number {
  const s = STR(v)
  if (s === undefined) return dflt
  const n = Number(s)
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError(400, 'INVALID_PARAMETER', `${name} must be an integer from ${min} to ${max}, not "${s}"`)
  return n
}

export function parseLogQuery(q: Record<string, unknown>): { filter: LogFilter; page: LogPage } {
  let regex: RegExp | undefined
  const rx = STR(q.regex)
  if (rx) {
    try {
      regex = new RegExp(rx, 'i')
    } catch (err) {
      throw new ApiError(400, 'INVALID_PARAMETER', `regex is not a valid regular expression: ${(err as Error).message}`)
    }
  }
  const status = STR(q.status)
  let statusMin: number | undefined
  let statusMax: number | undefined
  if (status) {
    const m = /^([1-5])xx$/.exec(status) ?? /^(\d{3})$/.exec(status)
    if (!m) throw new ApiError(400, 'INVALID_PARAMETER', `status must be like 404 or 4xx, not "${status}"`)
    if (m[0].endsWith('xx')) [statusMin, statusMax] = [Number(m[1]) * 100, Number(m[1]) * 100 + 99]
    else statusMin = statusMax = Number(m[1])
  }
  return {
    filter: {
      categories: LIST(q.category),
      levels: LIST(q.level),
      component: STR(q.component),
      requestId: STR(q.request_id),
      userId: STR(q.user_id),
      executionId: STR(q.execution_id),
      search: STR(q.search)?.toLowerCase(),
      regex,
      startTime: time('start_time', q.start_time),
      endTime: time('end_time', q.end_time),
      method: STR(q.method)?.toUpperCase(),
      pathPrefix: STR(q.path),
      statusMin,
      statusMax,
      role: STR(q.role),
      hideStaticAssets: q.hide_static_assets === 'true',
      hideStudio: q.hide_studio === 'true',
    },
    page: { limit: int('limit', q.limit, 1, 10_000, 100), offset: int('offset', q.offset, 0, 10_000_000, 0), sortAsc: q.sort_asc === 'true' },
  }
}

const STATIC = /\.(js|css|png|svg|ico|woff2?|map|html)$/

export function matchesEntry(e: LogEntry, f: LogFilter): boolean {
  if (f.categories && !f.categories.includes(e.category)) return false
  if (f.hideStudio && (e.category === 'studio' || e.request_id?.startsWith(STUDIO_REQUEST_PREFIX))) return false
  if (f.levels && !f.levels.includes(e.level)) return false
  if (f.component && e.component !== f.component) return false
  if (f.requestId && e.request_id !== f.requestId) return false
  if (f.userId && e.user_id !== f.userId) return false
  if (f.executionId && e.execution_id !== f.executionId) return false
  if (f.startTime && e.timestamp < f.startTime) return false
  if (f.endTime && e.timestamp > f.endTime) return false
  const fields = (e.fields ?? {}) as Record<string, unknown>
  if (f.method && fields.method !== f.method) return false
  if (f.pathPrefix && !(typeof fields.path === 'string' && fields.path.startsWith(f.pathPrefix))) return false
  if (f.statusMin !== undefined) {
    const s = fields.status_code
    if (typeof s !== 'number' || s < f.statusMin || s > (f.statusMax ?? s)) return false
  }
  if (f.role && fields.role !== f.role) return false
  if (f.hideStaticAssets && typeof fields.path === 'string' && STATIC.test(fields.path)) return false
  if (f.search || f.regex) {
    // Ids are searchable too: a request id pasted into the search box finds its lines.
    const text = [e.message, e.request_id, e.user_id, e.execution_id, e.component].filter(Boolean).join(' ') + (e.fields ? ' ' + JSON.stringify(e.fields) : '')
    if (f.search && !text.toLowerCase().includes(f.search)) return false
    if (f.regex && !f.regex.test(text)) return false
  }
  return true
}

/** A necessary condition on the raw JSON line: false means the entry cannot match, true means parse and check. */
export function mightMatchRaw(line: string, f: LogFilter): boolean {
  if (f.requestId && !line.includes(JSON.stringify(f.requestId))) return false
  if (f.userId && !line.includes(JSON.stringify(f.userId))) return false
  if (f.categories && !f.categories.some((c) => line.includes(`"category":"${c}"`))) return false
  if (f.levels && !f.levels.some((l) => line.includes(`"level":"${l}"`))) return false
  if (f.search && !line.toLowerCase().includes(f.search.replace(/["\\]/g, ''))) return false
  return true
}
