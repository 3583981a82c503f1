// realtime/change-history.ts — the capture stream's memory of recent events, bounded by count and by bytes, so SSE
// clients can resume with Last-Event-ID and the inspector can show what just happened.
import type { ChangeEvent } from './change-event.js'
import { eventId, eventIdLsn } from './change-event.js'
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
  /** Every event at or before this id is known: kept, or evicted (the newest evicted one is the floor). */
  let floorId = ''
  let started = false

  function size(): number {
    return events.length - head
  }

  function evict(): void {
    while (size() > 0 && (size() > limits.maxEvents || bytes > limits.maxBytes)) {
      const gone = events[head]
      // Released now, not at the next compaction: the byte budget counts what is really held.
      ;(events as (ChangeEvent | undefined)[])[head++] = undefined
      bytes -= gone.bytes + 200
      if (gone.id > floorId) floorId = gone.id
    }
    if (head > 1024 && head * 2 > events.length) {
      events = events.slice(head)
      head = 0
    }
  }

  return {
    /**
     * The position a stream (re)starts from. A restart within this process changes nothing (everything up to the
     * slot's confirmed position went through this history); the first start, or a gap (an invalidated slot), does:
     * ids at or before it cannot be resumed from exactly.
     */
    setFloor(lsn: Lsn, gap = false) {
      if (!gap && started) return
      started = true
      // Transactions ending at `lsn` were confirmed before this stream started: all of them are behind the floor.
      const id = eventId(lsn, 99_999_999)
      if (id > floorId) floorId = id
    },
    push(event: ChangeEvent) {
      events.push(event)
      bytes += event.bytes + 200
      evict()
    },
    /** Events after `id`, oldest first. */
    since(id: string): ResumeResult {
      let lo = head
      let hi = events.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (events[mid].id <= id) lo = mid + 1
        else hi = mid
      }
      const list = events.slice(lo)
      // Exact only if nothing after the client's event has been forgotten.
      const complete = eventIdLsn(id) !== undefined && id >= floorId
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
    get floorId() {
      return floorId
    },
  }
}

export type ChangeHistory = ReturnType<typeof createChangeHistory>
