// logs/log-index.ts — the searchable memory of the log viewer: the last N entries as their JSON lines plus a few
// typed columns (time, category, level, HTTP status), so a search over 100,000 entries scans flat arrays and raw
// strings and parses only the page it returns. The files on disk stay the full record (exports read those).
import type { LogEntry } from './log-entry.js'

export const CATEGORY_NAMES = ['system', 'http', 'security', 'execution', 'postgres', 'realtime', 'studio', 'custom']
export const LEVEL_NAMES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal']

export interface LogIndex {
  readonly size: number
  readonly capacity: number
  /** `time`: the entry's timestamp in ms, when the caller has it (saves parsing it back). */
  add(entry: LogEntry, line: string, time?: number): void
  /** What the index holds, in bytes (its lines as UTF-16 at most, plus the typed columns): for the status page. */
  approxBytes(): number
  /** Newest first: calls visit(i) for i = 0 (newest) … size-1 until visit returns false. */
  scanNewestFirst(visit: (line: string, time: number, category: number, level: number, status: number) => boolean | void): void
}

export const categoryCode = (c: string) => CATEGORY_NAMES.indexOf(c)
export const levelCode = (l: string) => LEVEL_NAMES.indexOf(l)

export function createLogIndex(capacity: number): LogIndex {
  const lines: string[] = new Array(capacity)
  const times = new Float64Array(capacity)
  const cats = new Int8Array(capacity)
  const lvls = new Int8Array(capacity)
  const statuses = new Uint16Array(capacity)
  let next = 0
  let size = 0
  return {
    get size() {
      return size
    },
    capacity,
    approxBytes() {
      let chars = 0
      for (let k = 0; k < size; k++) chars += lines[k].length
      return chars * 2 + capacity * (8 + 1 + 1 + 2)
    },
    add(entry, line, time) {
      lines[next] = line
      times[next] = time ?? Date.parse(entry.timestamp)
      cats[next] = categoryCode(entry.category)
      lvls[next] = levelCode(entry.level)
      const status = (entry.fields as Record<string, unknown> | undefined)?.status_code
      statuses[next] = typeof status === 'number' ? status : 0
      next = (next + 1) % capacity
      if (size < capacity) size++
    },
    scanNewestFirst(visit) {
      for (let k = 0; k < size; k++) {
        const i = (next - 1 - k + capacity) % capacity
        if (visit(lines[i], times[i], cats[i], lvls[i], statuses[i]) === false) return
      }
    },
  }
}
