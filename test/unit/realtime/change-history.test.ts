import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { createChangeHistory } from '../../../electron/server/realtime/change-history.js'
import { commitTimestamp, eventId, eventIdLsn, type ChangeEvent } from '../../../electron/server/realtime/change-event.js'
import { formatLsn, parseLsn } from '../../../electron/server/realtime/lsn.js'

function ev(lsn: bigint, index: number, seq: number, bytes = 10): ChangeEvent {
  return { seq, id: eventId(lsn, index), lsn: formatLsn(lsn), xid: 1, type: 'INSERT', schema: 'public', table: 't', relationOid: 1, record: {}, old_record: null, oldKeyOnly: false, commit_timestamp: '', bytes }
}

describe('LSNs and event ids', () => {
  it('round-trips LSNs and orders ids as the WAL', () => {
    expect(formatLsn(parseLsn('16/B374D848'))).toBe('16/B374D848')
    expect(eventId(parseLsn('0/1A'), 3)).toBe('000000000000001A-00000003')
    expect(eventId(parseLsn('1/0'), 0) > eventId(parseLsn('0/FFFFFFFF'), 99)).toBe(true)
    expect(eventIdLsn('000000000000001A-00000003')).toBe(0x1an)
    expect(eventIdLsn('nonsense')).toBeUndefined()
  })

  it('turns pgoutput commit times into ISO timestamps with microseconds', () => {
    // 2024-01-01T00:00:00.000001Z is 757382400000001 µs after 2000-01-01
    expect(commitTimestamp(757_382_400_000_001n)).toBe('2024-01-01T00:00:00.000001Z')
  })
})

describe('change history', () => {
  it('resumes after an id, and knows when it cannot do so exactly', () => {
    const h = createChangeHistory({ maxEvents: 3, maxBytes: 1e9 })
    h.setFloor(100n)
    const events = [ev(110n, 0, 1), ev(110n, 1, 2), ev(120n, 0, 3), ev(130n, 0, 4)]
    for (const e of events) h.push(e)
    expect(h.size).toBe(3)
    expect(h.since(events[1].id)).toEqual({ events: events.slice(2), complete: true })
    // The oldest (110/0) was evicted: resuming from before it may miss it; from it or later is exact.
    expect(h.since(eventId(100n, 0)).complete).toBe(false)
    expect(h.since(events[0].id)).toEqual({ events: events.slice(1), complete: true })
    expect(h.since(eventId(90n, 0)).complete).toBe(false)
    expect(h.since(events[3].id)).toEqual({ events: [], complete: true })
    expect(h.afterSeq(2).map((e) => e.seq)).toEqual([3, 4])
    expect(h.recent(2).map((e) => e.seq)).toEqual([3, 4])
  })

  it('cannot vouch for ids from before the stream began (another process handed those out)', () => {
    const h = createChangeHistory({ maxEvents: 10, maxBytes: 1e9 })
    h.setFloor(100n)
    const e = ev(110n, 0, 1)
    h.push(e)
    // The client may have missed the rest of transaction 100 when the old process stopped.
    expect(h.since(eventId(100n, 5))).toEqual({ events: [e], complete: false })
    expect(h.since(e.id)).toEqual({ events: [], complete: true })
  })

  it('is bounded by bytes as well as by count', () => {
    const h = createChangeHistory({ maxEvents: 1000, maxBytes: 3_000_000 })
    for (let i = 0; i < 10; i++) h.push(ev(BigInt(1000 + i), 0, i + 1, 1_000_000))
    expect(h.size).toBeLessThanOrEqual(3)
    expect(h.bytes).toBeLessThanOrEqual(3_000_000)
  })

  it('releases an evicted event at once, so the byte budget is what the history really holds (issue 24)', async () => {
    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as () => void
    const h = createChangeHistory({ maxEvents: 1000, maxBytes: 3_000_000 })
    const payloads: WeakRef<object>[] = []
    for (let i = 0; i < 10; i++) {
      const e = ev(BigInt(2000 + i), 0, i + 1, 1_000_000)
      payloads.push(new WeakRef(e.record as object))
      h.push(e)
    }
    // WeakRefs hold their targets until the current job ends.
    await new Promise((r) => setTimeout(r, 0))
    gc()
    const alive = payloads.map((p) => p.deref() !== undefined)
    expect(alive.slice(0, 7)).toEqual(Array(7).fill(false))
    expect(alive.slice(-h.size)).toEqual(Array(h.size).fill(true))
  })
})
