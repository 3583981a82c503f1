// renderer/src/api/log-stream.ts — the live log stream (SSE at /studio/api/logs/stream) for the log viewer.
// The server sends the entries of each 50 ms as one event (?batch=50): thousands a second are a few events, not
// thousands. Entries are handed over in batches on an animation frame — at most one batch per `minIntervalMs` (or every
// 250 ms when the page is hidden and frames stop) — so a burst of thousands per second costs the page a few
// updates a second, not one per entry. Reconnects by itself:
// EventSource resumes after a network error with Last-Event-ID (the server replays what was missed); a refused
// connection (runtime restarted with a new token) is retried with the current studio token.
import { LOG_STREAM_BATCH_EVENT, type LogEntry } from '../../../contract/studio-logs'
import { runtimeUrl, studioConnection } from './studio-connection'

export type LogStreamState = 'connecting' | 'live' | 'reconnecting' | 'closed'

export interface LogStreamOptions {
  params: URLSearchParams
  /** Recent matching entries the server sends first (from its in-memory ring). */
  replay: number
  /** Entries up to this id are already shown (from a query): skip them in the replay. */
  afterId?: number
  onEntries(batch: LogEntry[]): void
  onState(state: LogStreamState): void
  /** Entries waiting for a frame beyond this are dropped (oldest first) and counted: a hidden tab must not grow without end. */
  maxPending?: number
  onDropped?(count: number): void
  /** Fewest milliseconds between two batches (0: every frame). A terminal redraws all its rows per batch. */
  minIntervalMs?: number
}

export interface LogStream {
  close(): void
}

const RETRY_MS = 2000
const SERVER_BATCH_MS = 50

export function openLogStream(options: LogStreamOptions): LogStream {
  const maxPending = options.maxPending ?? 50_000
  let pending: LogEntry[] = []
  let frame = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let source: EventSource | undefined
  let retry: ReturnType<typeof setTimeout> | undefined
  let closed = false
  let lastId = options.afterId ?? 0
  let opened = false

  const minInterval = options.minIntervalMs ?? 0
  let lastFlush = 0
  const flush = () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    frame = 0
    timer = undefined
    if (!pending.length || closed) return
    lastFlush = performance.now()
    const batch = pending
    pending = []
    options.onEntries(batch)
  }
  const onFrame = () => {
    frame = 0
    if (performance.now() - lastFlush >= minInterval) flush()
    else frame = requestAnimationFrame(onFrame)
  }
  const schedule = () => {
    if (frame || timer) return
    frame = requestAnimationFrame(onFrame)
    timer = setTimeout(flush, Math.max(250, minInterval * 2))
  }

  const connect = (replay: number) => {
    const token = studioConnection().getToken()
    if (!token) {
      options.onState('reconnecting')
      retry = setTimeout(() => connect(replay), RETRY_MS)
      return
    }
    const q = new URLSearchParams(options.params)
    q.set('token', token)
    q.set('replay', String(replay))
    q.set('batch', String(SERVER_BATCH_MS))
    options.onState(opened ? 'reconnecting' : 'connecting')
    const es = new EventSource(runtimeUrl(`/studio/api/logs/stream?${q}`))
    source = es
    es.onopen = () => {
      opened = true
      options.onState('live')
    }
    es.addEventListener(LOG_STREAM_BATCH_EVENT, (event) => {
      let entries: LogEntry[]
      try {
        entries = JSON.parse((event as MessageEvent<string>).data) as LogEntry[]
      } catch {
        return
      }
      for (const entry of entries) {
        // After a reconnect with a fresh EventSource the server may replay what we already have.
        if (entry.id <= lastId) continue
        lastId = entry.id
        pending.push(entry)
      }
      if (pending.length > maxPending) {
        const drop = pending.length - maxPending
        pending.splice(0, drop)
        options.onDropped?.(drop)
      }
      if (pending.length) schedule()
    })
    es.onerror = () => {
      if (closed) return
      if (es.readyState === EventSource.CLOSED) {
        // Refused (401 after a restart) or the server went away: start over with whatever studio token is current now,
        // replaying enough of the ring to cover the gap (duplicates are skipped by id).
        es.close()
        options.onState('reconnecting')
        retry = setTimeout(() => connect(opened ? 1000 : replay), RETRY_MS)
      } else {
        options.onState('reconnecting')
      }
    }
  }

  connect(options.replay)
  return {
    close() {
      closed = true
      clearTimeout(retry)
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      source?.close()
      options.onState('closed')
    },
  }
}
