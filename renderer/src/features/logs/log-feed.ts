// features/logs/log-feed.ts — what feeds the log viewer while it is open: for the current filters, the newest
// stored matches (a query), then the live stream from there on; batches go into the store (for the table) and,
// in tail mode, into the terminal. Pausing keeps the stream but holds batches back until resume. The terminal is
// read-only, capped in scrollback, and makes request ids clickable (every line of that request).
import type { LogEntry } from '../../../../contract/studio-logs'
import { studioStore } from '../../store'
import type { StudioState } from '../../store/studio-state'
import { createTerminalHost, type TerminalHost } from '../../components/terminal/terminal-host'
import { ansi } from '../../components/terminal/ansi'
import { textWidth } from '../../components/terminal/text-width'
import { queryLogs } from '../../api/logs-api'
import { openLogStream, type LogStream } from '../../api/log-stream'
import { activeFilterCount, filterParams, filterProblem, type LogFilters } from './log-filters'
import { REQUEST_COLUMN, requestToken, tailLine } from './log-line'
import { LOG_MEMORY_CAP } from './logs-slice'

/** Lines the live tail keeps; older ones are in the table and on the server. */
export const TAIL_SCROLLBACK = 5000
const FIRST_PAGE = 500
const OLDER_PAGE = 1000
const STREAM_REPLAY = 1000
/** A batch every 100 ms at most: the tail then redraws ten times a second under load, instantly to the eye. */
const BATCH_INTERVAL_MS = 100
const WRITE_CHUNK_LINES = 40

const words = (err: unknown) => (err instanceof Error ? err.message : String(err))

export class LogFeed {
  readonly host: TerminalHost
  onSearchRequested: (() => void) | undefined
  private stream: LogStream | undefined
  private request: AbortController | undefined
  private backlog: LogEntry[] = []
  private dropped = 0
  private unsubscribe: (() => void) | undefined
  /** Tail tokens of cut request ids → the whole id, for clicks. */
  private requestIds = new Map<string, string>()
  private generation = 0

  constructor() {
    this.host = createTerminalHost({
      scrollback: TAIL_SCROLLBACK,
      readOnly: true,
      onKey: (e) => {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
          this.onSearchRequested?.()
          return true
        }
        return undefined
      },
    })
    this.host.term.registerLinkProvider({
      provideLinks: (y, callback) => callback(this.requestLink(y)),
    })
  }

  start(): void {
    if (this.unsubscribe) return
    this.unsubscribe = studioStore.subscribe((state, prev) => this.onStore(state, prev))
    void this.reload()
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.generation++
    this.stream?.close()
    this.stream = undefined
    this.request?.abort()
  }

  clearTail(): void {
    this.host.term.clear()
    this.host.term.write('\x1b[2J\x1b[H')
  }

  /** The next page of older matches, from the server. */
  async loadOlder(): Promise<void> {
    const { logEntries, logFilters } = studioStore.getState()
    const oldest = logEntries[0]
    if (!oldest) return
    const params = filterParams(logFilters)
    params.set('end_time', oldest.timestamp)
    const res = await queryLogs(params, OLDER_PAGE)
    const older = res.entries.filter((e) => e.id < oldest.id).reverse()
    studioStore.getState().logsPrepended(older, res.has_more)
  }

  private onStore(state: StudioState, prev: StudioState): void {
    if (state.logFilters !== prev.logFilters) void this.reload()
    else if (state.token !== prev.token && state.token && !this.stream) void this.reload()
    if (prev.logPaused && !state.logPaused) this.resume()
    if (state.logMode === 'tail' && prev.logMode !== 'tail') this.redrawTail()
  }

  private async reload(): Promise<void> {
    const generation = ++this.generation
    this.stream?.close()
    this.stream = undefined
    this.request?.abort()
    this.backlog = []
    this.dropped = 0
    const store = studioStore.getState()
    const filters = store.logFilters
    const problem = filterProblem(filters)
    if (problem) {
      store.logsReplaced([], 0, false)
      store.logFeedStatus({ logError: problem, logLoading: false })
      this.redrawTail()
      return
    }
    if (!store.token) return // started again once the token arrives (onStore)
    const params = filterParams(filters)
    const request = new AbortController()
    this.request = request
    store.logFeedStatus({ logLoading: true, logError: null })
    let entries: LogEntry[]
    try {
      const res = await queryLogs(params, FIRST_PAGE, request.signal)
      if (generation !== this.generation) return
      entries = res.entries.reverse()
      studioStore.getState().logsReplaced(entries, res.total_count, res.has_more)
      studioStore.getState().logFeedStatus({ logLoading: false })
    } catch (err) {
      if (generation !== this.generation || (err as Error).name === 'AbortError') return
      studioStore.getState().logsReplaced([], 0, false)
      studioStore.getState().logFeedStatus({ logLoading: false, logError: words(err) })
      // The stream below still starts: the runtime may come back.
      entries = []
    }
    this.redrawTail()
    const afterId = entries.length ? entries[entries.length - 1].id : 0
    this.stream = openLogStream({
      params,
      replay: STREAM_REPLAY,
      afterId,
      maxPending: LOG_MEMORY_CAP,
      minIntervalMs: BATCH_INTERVAL_MS,
      onEntries: (batch) => generation === this.generation && this.onBatch(batch),
      onState: (s) => generation === this.generation && studioStore.getState().logFeedStatus({ logStreamState: s }),
      onDropped: (n) => (this.dropped += n),
    })
  }

  private onBatch(batch: LogEntry[]): void {
    if (studioStore.getState().logPaused) {
      this.backlog.push(...batch)
      if (this.backlog.length > LOG_MEMORY_CAP) {
        this.dropped += this.backlog.length - LOG_MEMORY_CAP
        this.backlog.splice(0, this.backlog.length - LOG_MEMORY_CAP)
      }
      studioStore.getState().logFeedStatus({ logBacklog: this.backlog.length + this.dropped })
      return
    }
    this.apply(batch)
  }

  private resume(): void {
    const batch = this.backlog
    const skipped = this.dropped
    this.backlog = []
    this.dropped = 0
    studioStore.getState().logFeedStatus({ logBacklog: 0 })
    if (skipped && studioStore.getState().logMode === 'tail') {
      this.host.term.write(ansi.yellow(`… ${skipped.toLocaleString('en')} entries arrived while paused beyond what the view keeps; search or export to see them.`) + '\r\n')
    }
    this.apply(batch)
  }

  private apply(batch: LogEntry[]): void {
    if (!batch.length) return
    const state = studioStore.getState()
    state.logsAppended(batch)
    if (state.logMode === 'tail') this.writeTail(batch.length > TAIL_SCROLLBACK ? batch.slice(-TAIL_SCROLLBACK) : batch)
  }

  private writeTail(entries: LogEntry[]): void {
    if (!entries.length) return
    let text = ''
    let lines = 0
    for (const e of entries) {
      const token = requestToken(e.request_id)
      if (e.request_id && token !== e.request_id) this.requestIds.set(token, e.request_id)
      text += tailLine(e) + '\r\n'
      // xterm parses one write() whole before it looks at the clock and yields: small writes keep its tasks short.
      if (++lines === WRITE_CHUNK_LINES) {
        this.host.term.write(text)
        text = ''
        lines = 0
      }
    }
    if (text) this.host.term.write(text)
    if (this.requestIds.size > 10_000) this.requestIds.clear()
  }

  /** Rewrites the tail from the entries in memory (after a filter change, or when switching back to it). */
  private redrawTail(): void {
    const { logEntries, logFilters, logError } = studioStore.getState()
    this.clearTail()
    this.host.term.write(ansi.dim(describe(logFilters)) + '\r\n')
    if (logError) this.host.term.write(ansi.red(logError) + '\r\n')
    this.writeTail(logEntries.slice(-2000))
  }

  private requestLink(y: number) {
    const line = this.host.term.buffer.active.getLine(y - 1)
    if (!line || line.isWrapped) return undefined
    const text = line.translateToString(true)
    // The column is fixed in characters; count cells before it (a wide character takes two).
    const token = text.slice(REQUEST_COLUMN.start, REQUEST_COLUMN.start + REQUEST_COLUMN.width).trim()
    if (!/^[\w.-]+…?$/.test(token) || !/^\d\d:\d\d:\d\d\.\d{3} /.test(text)) return undefined
    const startCell = textWidth(text.slice(0, REQUEST_COLUMN.start)) + 1
    const id = this.requestIds.get(token) ?? token
    return [
      {
        range: { start: { x: startCell, y }, end: { x: startCell + token.length - 1, y } },
        text: token,
        activate: () => studioStore.getState().showRequest(id),
      },
    ]
  }
}

function describe(f: LogFilters): string {
  if (f.requestId) return `── every line of request ${f.requestId} ──`
  const n = activeFilterCount(f)
  return n ? `── live tail, ${n} filter${n === 1 ? '' : 's'} on (click a request id for all its lines) ──` : '── live tail of every source (click a request id for all its lines) ──'
}

let instance: LogFeed | undefined

export function logFeed(): LogFeed {
  instance ??= new LogFeed()
  return instance
}
