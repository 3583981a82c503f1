// realtime/change-history.ts — the capture stream's memory of recent events, bounded by count and by bytes, so SSE
// clients can resume with Last-Event-ID and the inspector can show what just happened.
import type { ChangeEvent } from './change-event.js'
import { eventIdLsn } from './change-event.js'
import type { Lsn } from './lsn.js'

export interface HistoryLimits {
  maxEvents: number
  maxBytes: number
}

export interface ResumeResult {
  events: ChangeEvent[]
  /** False when events older than the history were asked for: some may be missing between the id and `events`. */
  complete: boolean
}

export function createChangeHistory(limits: HistoryLimits) {
  let events: ChangeEvent[] = []
  let head = 0 // index of the oldest kept event (we compact lazily)
  let bytes = 0
  /** Everything at or before this LSN is known and either kept or deliberately forgotten. */
  let floor: Lsn = 0n

  function size(): number {
    return events.length - head
  }

  function evict(): void {
    while (size() > 0 && (size() > limits.maxEvents || bytes > limits.maxBytes)) {
      const gone = events[head++]
      bytes -= gone.bytes + 200
      const lsn = eventIdLsn(gone.id)
      if (lsn !== undefined && lsn > floor) floor = lsn
    }
    if (head > 1024 && head * 2 > events.length) {
      events = events.slice(head)
      head = 0
    }
  }

  return {
    /** The position the stream started from: ids at or before it cannot be resumed from exactly. */
    setFloor(lsn: Lsn) {
      if (lsn > floor) floor = lsn
    },
    push(event: ChangeEvent) {
      events.push(event)
      bytes += event.bytes + 200
      evict()
    },
    /** Events after `id`, oldest first. */
    since(id: string): ResumeResult {
      const lsn = eventIdLsn(id)
      let lo = head
      let hi = events.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (events[mid].id <= id) lo = mid + 1
        else hi = mid
      }
      const list = events.slice(lo)
      // Exact only if the client's event is not older than what we know: a txn ending at `floor` was delivered in full.
      const complete = lsn !== undefined && lsn >= floor
      return { events: list, complete }
    },
    recent(limit = 100): ChangeEvent[] {
      return events.slice(Math.max(head, events.length - limit))
    },
    afterSeq(seq: number, limit = 500): ChangeEvent[] {
      const out: ChangeEvent[] = []
      for (let i = head; i < events.length && out.length < limit; i++) if (events[i].seq > seq) out.push(events[i])
      return out
    },
    get size() {
      return size()
    },
    get bytes() {
      return bytes
    },
    get floor() {
      return floor
    },
  }
}

export type ChangeHistory = ReturnType<typeof createChangeHistory>
