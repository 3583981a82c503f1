// logs/log-store.ts — queries over every stored entry: the JSON-lines files on disk (newest file last), so logs
// survive restarts. Files are scanned as text with a cheap prefilter; only candidate lines are parsed.
import fs from 'node:fs'
import type { LogBus } from './log-bus.js'
import type { LogEntry } from './log-entry.js'
import { matchesEntry, mightMatchRaw, type LogFilter, type LogPage } from './log-filter.js'

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

export function queryLogs(bus: LogBus, filter: LogFilter, page: LogPage): LogQueryResult {
  const matches: LogEntry[] = []
  const source = bus.filePath ? storedLines(bus) : null
  if (source) {
    for (const line of source) {
      if (!mightMatchRaw(line, filter)) continue
      const e = parse(line)
      if (e && matchesEntry(e, filter)) matches.push(e)
    }
  } else {
    for (const e of bus.recent()) if (matchesEntry(e, filter)) matches.push(e)
  }
  if (!page.sortAsc) matches.reverse()
  const entries = matches.slice(page.offset, page.offset + page.limit)
  return { entries, total_count: matches.length, has_more: page.offset + entries.length < matches.length }
}

export function logStats(bus: LogBus): LogStats {
  const stats: LogStats = { total_entries: 0, entries_by_category: {}, entries_by_level: {}, oldest_entry: null, newest_entry: null }
  const lines = bus.filePath ? storedLines(bus) : bus.recent().map((e) => JSON.stringify(e))
  for (const line of lines) {
    const category = /"category":"(\w+)"/.exec(line)?.[1]
    const level = /"level":"(\w+)"/.exec(line)?.[1]
    const ts = /"timestamp":"([^"]+)"/.exec(line)?.[1]
    if (!category || !level || !ts) continue
    stats.total_entries++
    stats.entries_by_category[category] = (stats.entries_by_category[category] ?? 0) + 1
    stats.entries_by_level[level] = (stats.entries_by_level[level] ?? 0) + 1
    if (!stats.oldest_entry || ts < stats.oldest_entry) stats.oldest_entry = ts
    if (!stats.newest_entry || ts > stats.newest_entry) stats.newest_entry = ts
  }
  return stats
}
