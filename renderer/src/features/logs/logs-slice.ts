// features/logs/logs-slice.ts — the `logs` slice: the viewer's filters (and the ones to go back to after looking at
// one request), live tail or table, paused or not, the entries in memory (oldest first, capped), the stream's
// state and the selected entry. The log feed (log-feed.ts) writes the entries; components read single fields.
import type { LogEntry } from '../../../../contract/studio-logs'
import type { SliceCreator } from '../../store/studio-state'
import type { LogStreamState } from '../../api/log-stream'
import { DEFAULT_FILTERS, type LogFilters } from './log-filters'

/** Entries the table keeps in memory; older ones stay on the server (search, "Load older", export). */
export const LOG_MEMORY_CAP = 20_000

export type LogMode = 'tail' | 'table'

export interface LogsSlice {
  logFilters: LogFilters
  logFiltersBeforeRequest: LogFilters | null
  logMode: LogMode
  logPaused: boolean
  logEntries: LogEntry[]
  /** Entries appended live since the last replace: the table keeps its scroll position by it. */
  logAppended: number
  /** Matching entries on the server when last asked, plus those streamed in since. */
  logTotal: number | null
  logHasOlder: boolean
  logLoading: boolean
  logError: string | null
  logStreamState: LogStreamState
  /** Entries that arrived while paused (shown on resume). */
  logBacklog: number
  logSelectedId: number | null
  setLogFilters(patch: Partial<LogFilters>): void
  clearLogFilters(): void
  /** Every line of one request, PostgreSQL's included; leaveRequest() restores the filters before. */
  showRequest(requestId: string): void
  leaveRequest(): void
  setLogMode(mode: LogMode): void
  setLogPaused(paused: boolean): void
  selectLogEntry(id: number | null): void
  logsReplaced(entries: LogEntry[], total: number, hasOlder: boolean): void
  logsAppended(batch: LogEntry[]): void
  logsPrepended(older: LogEntry[], hasOlder: boolean): void
  logFeedStatus(patch: Partial<Pick<LogsSlice, 'logLoading' | 'logError' | 'logStreamState' | 'logBacklog'>>): void
}

const MODE_KEY = 'fluxbase-studio.logs-mode'

function restoredMode(): LogMode {
  try {
    return localStorage.getItem(MODE_KEY) === 'table' ? 'table' : 'tail'
  } catch {
    return 'tail'
  }
}

export const createLogsSlice: SliceCreator<LogsSlice> = (set, get) => ({
  logFilters: DEFAULT_FILTERS,
  logFiltersBeforeRequest: null,
  logMode: restoredMode(),
  logPaused: false,
  logEntries: [],
  logAppended: 0,
  logTotal: null,
  logHasOlder: false,
  logLoading: false,
  logError: null,
  logStreamState: 'closed',
  logBacklog: 0,
  logSelectedId: null,

  setLogFilters(patch) {
    set({ logFilters: { ...get().logFilters, ...patch } })
  },
  clearLogFilters() {
    set({ logFilters: DEFAULT_FILTERS, logFiltersBeforeRequest: null })
  },
  showRequest(requestId) {
    const { logFilters, logFiltersBeforeRequest } = get()
    set({
      logFiltersBeforeRequest: logFiltersBeforeRequest ?? logFilters,
      logFilters: { ...DEFAULT_FILTERS, requestId },
      logMode: 'table',
      logSelectedId: null,
      logPaused: false,
    })
  },
  leaveRequest() {
    set({ logFilters: get().logFiltersBeforeRequest ?? DEFAULT_FILTERS, logFiltersBeforeRequest: null, logSelectedId: null })
  },
  setLogMode(mode) {
    try {
      localStorage.setItem(MODE_KEY, mode)
    } catch {
      // Not remembered; the switch still happens.
    }
    set({ logMode: mode })
  },
  setLogPaused(paused) {
    set({ logPaused: paused })
  },
  selectLogEntry(id) {
    set({ logSelectedId: id })
  },
  logsReplaced(entries, total, hasOlder) {
    set({ logEntries: entries.slice(-LOG_MEMORY_CAP), logTotal: total, logHasOlder: hasOlder || entries.length > LOG_MEMORY_CAP, logAppended: 0, logBacklog: 0 })
  },
  logsAppended(batch) {
    if (!batch.length) return
    const { logEntries, logTotal, logAppended } = get()
    const over = logEntries.length + batch.length - LOG_MEMORY_CAP
    const kept = over > 0 ? logEntries.slice(over).concat(batch.length > LOG_MEMORY_CAP ? batch.slice(-LOG_MEMORY_CAP) : batch) : logEntries.concat(batch)
    set({ logEntries: kept, logTotal: (logTotal ?? 0) + batch.length, logAppended: logAppended + batch.length, logHasOlder: get().logHasOlder || over > 0 })
  },
  logsPrepended(older, hasOlder) {
    const room = LOG_MEMORY_CAP - get().logEntries.length
    const taken = room > 0 ? older.slice(-room) : []
    set({ logEntries: taken.concat(get().logEntries), logHasOlder: hasOlder || taken.length < older.length })
  },
  logFeedStatus(patch) {
    set(patch)
  },
})
