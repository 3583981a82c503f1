// logs/log-store.ts — log queries: searches over the in-memory indexes (this run's entries and earlier runs' loaded
// from disk, see log-index.ts), stats, and complete exports straight from the JSON-lines files.
import fs from 'node:fs'
import type { LogBus } from './log-bus.js'
import type { LogEntry } from './log-entry.js'
import { matchesEntry, mightMatchRaw, STUDIO_REQUEST_PREFIX, type LogFilter, type LogPage } from './log-filter.js'
import { categoryCode, levelCode, CATEGORY_NAMES, LEVEL_NAMES } from './log-index.js'

export interface LogQueryResult {
  entries: LogEntry[]
  total_count: number
  has_more: boolean
}

export interface LogStats {
  total_entries: number
  entries_by_category: Record<string, number>
  entries_by_level: Record<string, number>
  oldest_entry: string | null
  newest_entry: string | null
}

/** Rotated files first (oldest: highest number), then the live file. */
export function logFiles(bus: LogBus): string[] {
  const file = bus.filePath
  if (!file) return []
  const files: string[] = []
  for (let i = 20; i >= 1; i--) if (fs.existsSync(`${file}.${i}`)) files.push(`${file}.${i}`)
  if (fs.existsSync(file)) files.push(file)
  return files
}

function* storedLines(bus: LogBus): Generator<string> {
  bus.flush()
  for (const file of logFiles(bus)) {
    let text: string
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch {
      continue // rotated away between listing and reading
    }
    let start = 0
    for (;;) {
      const end = text.indexOf('\n', start)
      if (end < 0) break
      if (end > start) yield text.slice(start, end)
      start = end + 1
    }
  }
}

function parse(line: string): LogEntry | undefined {
  try {
    return JSON.parse(line) as LogEntry
  } catch {
    return undefined // a torn last line after a crash
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Builds the row test for the in-memory indexes: typed columns first (category, level, time, status), then
 * substring checks on the raw JSON line, and a full parse only where the filter needs the entry's fields.
 */
function compile(f: LogFilter) {
  const cats = f.categories ? new Set(f.categories.map(categoryCode)) : undefined
  const lvls = f.levels ? new Set(f.levels.map(levelCode)) : undefined
  const from = f.startTime ? Date.parse(f.startTime) : -Infinity
  const to = f.endTime ? Date.parse(f.endTime) : Infinity
  const needles = [f.requestId && `"request_id":${JSON.stringify(f.requestId)}`, f.userId && `"user_id":${JSON.stringify(f.userId)}`, f.executionId && `"execution_id":${JSON.stringify(f.executionId)}`].filter(
    (n): n is string => !!n,
  )
  const searchRaw = f.search ? new RegExp(escapeRegExp(f.search), 'i') : undefined
  const studioCat = categoryCode('studio')
  const studioId = `"request_id":"${STUDIO_REQUEST_PREFIX}`
  const needsParse = !!(f.search || f.regex || f.method || f.pathPrefix || f.role || f.component || f.hideStaticAssets)
  return (line: string, time: number, cat: number, lvl: number, status: number): LogEntry | true | false => {
    if (cats && !cats.has(cat)) return false
    if (lvls && !lvls.has(lvl)) return false
    if (time < from || time > to) return false
    if (f.hideStudio && (cat === studioCat || line.includes(studioId))) return false
    if (f.statusMin !== undefined && (status < f.statusMin || status > (f.statusMax ?? status))) return false
    for (const n of needles) if (!line.includes(n)) return false
    if (searchRaw && !searchRaw.test(line)) return false
    if (f.regex && !f.regex.test(line)) return false
    if (!needsParse) return true
    const e = parse(line)
    return e && matchesEntry(e, f) ? e : false
  }
}

export function queryLogs(bus: LogBus, filter: LogFilter, page: LogPage): LogQueryResult {
  const test = compile(filter)
  // Newest first across this run's entries, then earlier runs' (loaded from disk at start).
  const matches: Array<LogEntry | string> = []
  let total = 0
  const keepAll = page.sortAsc
  const visit = (line: string, time: number, cat: number, lvl: number, status: number) => {
    const r = test(line, time, cat, lvl, status)
    if (r === false) return
    if (keepAll || (total >= page.offset && total < page.offset + page.limit)) matches.push(r === true ? line : r)
    total++
  }
  bus.index.scanNewestFirst(visit)
  bus.history.scanNewestFirst(visit)
  let window = matches
  if (page.sortAsc) window = matches.reverse().slice(page.offset, page.offset + page.limit)
  const entries = window.map((m) => (typeof m === 'string' ? parse(m)! : m)).filter(Boolean)
  return { entries, total_count: total, has_more: page.offset + entries.length < total }
}

/** Every stored entry matching the filter, oldest first, read from the files (for exports: complete, not fast). */
export function exportLogs(bus: LogBus, filter: LogFilter): LogEntry[] {
  const out: LogEntry[] = []
  for (const line of storedLines(bus)) {
    if (!mightMatchRaw(line, filter)) continue
    const e = parse(line)
    if (e && matchesEntry(e, filter)) out.push(e)
  }
  return out
}

export function logStats(bus: LogBus): LogStats {
  const stats: LogStats = { total_entries: 0, entries_by_category: {}, entries_by_level: {}, oldest_entry: null, newest_entry: null }
  let oldest = Infinity
  let newest = -Infinity
  const visit = (_line: string, time: number, cat: number, lvl: number) => {
    stats.total_entries++
    const c = CATEGORY_NAMES[cat] ?? 'custom'
    const l = LEVEL_NAMES[lvl] ?? 'info'
    stats.entries_by_category[c] = (stats.entries_by_category[c] ?? 0) + 1
    stats.entries_by_level[l] = (stats.entries_by_level[l] ?? 0) + 1
    if (time < oldest) oldest = time
    if (time > newest) newest = time
  }
  bus.index.scanNewestFirst(visit)
  bus.history.scanNewestFirst(visit)
  if (stats.total_entries) {
    stats.oldest_entry = new Date(oldest).toISOString()
    stats.newest_entry = new Date(newest).toISOString()
  }
  return stats
}
