// features/logs/log-filters.ts — what the log viewer is filtered by, and how that becomes the query string of
// /studio/api/logs, /export and /stream (the server's parameters: category, level, status, user_id, role, path,
// search, regex, start_time, end_time, request_id, hide_studio). The studio's own traffic (its /studio/api requests
// and the SQL they ran) is hidden unless `showStudio` (issue 22). Pure.
import { LOG_LEVELS, type LogCategory, type LogLevel } from '../../../../contract/studio-logs'

export type TimeRange = '15m' | '1h' | '24h' | '7d' | 'all' | 'custom'
export type MinLevel = 'all' | 'debug' | 'info' | 'warn' | 'error'

export interface LogFilters {
  /** Empty: every source. */
  categories: LogCategory[]
  minLevel: MinLevel
  /** '', '2xx'…'5xx', or one status such as 404. */
  status: string
  /** A user id (uuid) or a database role name (authenticated, anon, service_role…). */
  identity: string
  /** A path prefix, e.g. /api/v1/tables/posts. */
  path: string
  search: string
  /** `search` is a regular expression rather than plain text. */
  regex: boolean
  range: TimeRange
  /** datetime-local values for the custom range. */
  from: string
  to: string
  requestId: string
  /** Include the studio's own requests and SQL (hidden by default: they drown the app's). */
  showStudio: boolean
}

export const DEFAULT_FILTERS: LogFilters = {
  categories: [],
  minLevel: 'all',
  status: '',
  identity: '',
  path: '',
  search: '',
  regex: false,
  range: 'all',
  from: '',
  to: '',
  requestId: '',
  showStudio: false,
}

const RANGE_MS: Record<Exclude<TimeRange, 'all' | 'custom'>, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function levelsFrom(min: MinLevel): LogLevel[] | undefined {
  if (min === 'all') return undefined
  return LOG_LEVELS.slice(LOG_LEVELS.indexOf(min)) as LogLevel[]
}

/** Why the filters cannot be sent as they are (a bad regex, a bad status or date), or undefined. */
export function filterProblem(f: LogFilters): string | undefined {
  if (f.regex && f.search) {
    try {
      new RegExp(f.search, 'i')
    } catch (err) {
      return `The search is not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`
    }
  }
  if (f.status && !/^([1-5]xx|\d{3})$/.test(f.status.trim())) return `Status must be like 404 or 4xx, not "${f.status}"`
  if (f.range === 'custom') {
    if (f.from && Number.isNaN(Date.parse(f.from))) return 'The start of the time range is not a date'
    if (f.to && Number.isNaN(Date.parse(f.to))) return 'The end of the time range is not a date'
    if (f.from && f.to && Date.parse(f.from) > Date.parse(f.to)) return 'The time range ends before it starts'
  }
  return undefined
}

/** The server's query parameters for these filters (times relative to `now`). */
export function filterParams(f: LogFilters, now = Date.now()): URLSearchParams {
  const q = new URLSearchParams()
  // A request's lines come from every source, PostgreSQL's included: its id alone is the filter.
  if (f.requestId) {
    q.set('request_id', f.requestId)
    return q
  }
  if (f.categories.length) q.set('category', f.categories.join(','))
  const levels = levelsFrom(f.minLevel)
  if (levels) q.set('level', levels.join(','))
  if (f.status.trim()) q.set('status', f.status.trim())
  const identity = f.identity.trim()
  if (identity) q.set(UUID.test(identity) ? 'user_id' : 'role', identity)
  if (f.path.trim()) q.set('path', f.path.trim())
  if (f.search) q.set(f.regex ? 'regex' : 'search', f.search)
  if (f.range === 'custom') {
    if (f.from) q.set('start_time', new Date(f.from).toISOString())
    if (f.to) q.set('end_time', new Date(f.to).toISOString())
  } else if (f.range !== 'all') {
    q.set('start_time', new Date(now - RANGE_MS[f.range]).toISOString())
  }
  if (!f.showStudio) q.set('hide_studio', 'true')
  return q
}

/** How many filters narrow the view (for the "Clear filters" button). */
export function activeFilterCount(f: LogFilters): number {
  return [f.categories.length > 0, f.minLevel !== 'all', !!f.status, !!f.identity, !!f.path, !!f.search, f.range !== 'all', !!f.requestId].filter(Boolean).length
}
