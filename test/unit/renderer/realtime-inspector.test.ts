// test/unit/renderer/realtime-inspector.test.ts — the realtime inspector's pure parts: the bounded change buffer with
// its decisions, old/new row comparison, filters, delivery words, what a listening column sends and reads.
import { describe, expect, it } from 'vitest'
import type { InspectorBatch, InspectorChange, InspectorDecision } from '../../../contract/studio-realtime'
import { EMPTY_BUFFER, mergeBatch } from '../../../renderer/src/features/realtime/change-buffer'
import { diffRows, valueText } from '../../../renderer/src/features/realtime/row-diff'
import { filterChanges, NO_FILTERS, seenTables } from '../../../renderer/src/features/realtime/change-filter'
import { deliveryExplanation, deliveryShort } from '../../../renderer/src/features/realtime/delivery-text'
import { ackText, changeRow, innerOf, subscribeMessage } from '../../../renderer/src/features/realtime/listener-frames'
import { expiresSoon, givenClaims, jwtPayload } from '../../../renderer/src/features/realtime/jwt-payload'
import { rowSummary } from '../../../renderer/src/features/realtime/format'

const id = (n: number) => `${n.toString(16).toUpperCase().padStart(16, '0')}-00000000`

function change(n: number, over: Partial<InspectorChange> = {}): InspectorChange {
  return {
    id: id(n),
    seq: n,
    lsn: `0/${n}`,
    xid: n,
    type: 'INSERT',
    schema: 'public',
    table: 'posts',
    record: { id: n, title: `post ${n}` },
    old_record: null,
    old_key_only: false,
    commit_timestamp: '2026-01-01T00:00:00.000000Z',
    delivery: 'live',
    listening: 2,
    excluded_columns: [],
    decisions_recorded: true,
    ...over,
  }
}

function decision(n: number, sub: string, outcome: InspectorDecision['outcome'] = 'delivered'): InspectorDecision {
  return {
    event_id: id(n),
    at: '',
    subscription_id: sub,
    connection_id: 'c',
    transport: 'ws',
    outcome,
    identity: { role: 'authenticated', user_id: 'u', label: 'u@x', claims: {} },
  }
}

const batch = (changes: InspectorChange[], decisions: InspectorDecision[] = [], extra: Partial<InspectorBatch> = {}): InspectorBatch => ({ changes, decisions, ...extra })

describe('change buffer', () => {
  it('keeps the newest changes up to the bound and counts the rest as dropped, with their decisions', () => {
    let b = mergeBatch(EMPTY_BUFFER, batch([change(1), change(2), change(3)], [decision(1, 'a'), decision(3, 'a')]), 4).buffer
    b = mergeBatch(b, batch([change(4), change(5), change(6)]), 4).buffer
    expect(b.changes.map((c) => c.seq)).toEqual([3, 4, 5, 6])
    expect(b.dropped).toBe(2)
    expect(b.decisions.has(id(1))).toBe(false)
    expect(b.decisions.get(id(3))).toHaveLength(1)
    expect(b.lastId).toBe(id(6))
  })

  it('ignores repeats (a replay overlapping what it has) and duplicate decisions', () => {
    const first = mergeBatch(EMPTY_BUFFER, batch([change(1), change(2)], [decision(2, 'a')])).buffer
    const { buffer, added } = mergeBatch(first, batch([change(2), change(3)], [decision(2, 'a'), decision(2, 'b')], { replay: true }))
    expect(added).toBe(1)
    expect(buffer.changes.map((c) => c.seq)).toEqual([1, 2, 3])
    expect(buffer.decisions.get(id(2))!.map((d) => d.subscription_id)).toEqual(['a', 'b'])
  })

  it('adds what the runtime could not send to the dropped count, and counts gaps', () => {
    const b = mergeBatch(EMPTY_BUFFER, batch([], [], { dropped: 120, gap: true })).buffer
    expect(b.dropped).toBe(120)
    expect(b.gaps).toBe(1)
  })

  it('does not copy anything for an empty batch', () => {
    const b = mergeBatch(EMPTY_BUFFER, batch([change(1)])).buffer
    expect(mergeBatch(b, batch([])).buffer.changes).toBe(b.changes)
  })
})

describe('row comparison', () => {
  it('marks the columns an update changed, JSON-equal values unchanged', () => {
    const d = diffRows({ id: 1, title: 'a', tags: ['x'], gone: 1 }, { id: 1, title: 'b', tags: ['x'], added: 2 })
    expect(d.map((c) => [c.column, c.changed, c.inOld, c.inNew])).toEqual([
      ['id', false, true, true],
      ['title', true, true, true],
      ['tags', false, true, true],
      ['added', false, false, true],
      ['gone', false, true, false],
    ])
  })

  it('marks nothing when one side is missing', () => {
    expect(diffRows(null, { id: 1 }).some((c) => c.changed)).toBe(false)
  })

  it('writes values in one line', () => {
    expect([valueText(null), valueText('a'), valueText(3), valueText({ a: 1 })]).toEqual(['NULL', 'a', '3', '{"a":1}'])
  })
})

describe('filters', () => {
  const list = [change(1), change(2, { type: 'UPDATE', table: 'notes' }), change(3, { schema: 'shop', table: 'orders', record: { id: 3, note: 'Gift WRAP' } })]
  it('narrows by schema, table, type and text in the values', () => {
    expect(filterChanges(list, NO_FILTERS)).toBe(list)
    expect(filterChanges(list, { ...NO_FILTERS, schema: 'public' }).map((c) => c.seq)).toEqual([1, 2])
    expect(filterChanges(list, { ...NO_FILTERS, table: 'notes' }).map((c) => c.seq)).toEqual([2])
    expect(filterChanges(list, { ...NO_FILTERS, types: ['INSERT'] }).map((c) => c.seq)).toEqual([1, 3])
    expect(filterChanges(list, { ...NO_FILTERS, text: 'gift wrap' }).map((c) => c.seq)).toEqual([3])
  })

  it("hides the studio's own writes (impersonation, passwords, sessions) unless asked for (issue 22)", () => {
    const withInternal = [...list, change(4, { schema: 'auth', table: 'impersonation_sessions' }), change(5, { schema: 'auth', table: 'passwords' }), change(6, { schema: 'auth', table: 'users' })]
    expect(filterChanges(withInternal, NO_FILTERS).map((c) => c.seq)).toEqual([1, 2, 3, 6])
    expect(filterChanges(withInternal, { ...NO_FILTERS, showInternal: true })).toBe(withInternal)
    expect(filterChanges(withInternal, { ...NO_FILTERS, schema: 'auth' }).map((c) => c.seq)).toEqual([6])
  })

  it('lists the schemas and tables seen', () => {
    expect(seenTables(list)).toEqual({
      schemas: ['public', 'shop'],
      tables: [
        { schema: 'public', table: 'notes' },
        { schema: 'public', table: 'posts' },
        { schema: 'shop', table: 'orders' },
      ],
    })
  })
})

describe('delivery in words', () => {
  it('counts outcomes and what is still being checked', () => {
    expect(deliveryShort(change(1, { listening: 3 }), [decision(1, 'a'), decision(1, 'b', 'refused_rls')])).toBe('1 received · 1 refused by RLS · 1 checking')
  })

  it('says why nobody received a change', () => {
    expect(deliveryShort(change(1, { delivery: 'realtime_off' }), [])).toBe('realtime off')
    expect(deliveryExplanation(change(1, { delivery: 'realtime_off' }))).toBe('Realtime is off for public.posts: no client received this change.')
    expect(deliveryExplanation(change(1, { delivery: 'event_off', type: 'DELETE' }))).toContain('but not DELETE')
    expect(deliveryShort(change(1, { listening: 0 }), [])).toBe('no subscribers')
    expect(deliveryExplanation(change(1, { decisions_recorded: false }))).toContain('no longer recorded')
    expect(deliveryExplanation(change(1))).toBeNull()
  })
})

describe('listening columns', () => {
  it('subscribes the way the SDK does, or joins a channel only', () => {
    expect(subscribeMessage({ schema: 'public', table: 'posts', event: '*', filter: ' owner=eq.1 ', channel: 'realtime:public:posts' })).toEqual({
      type: 'subscribe',
      channel: 'realtime:public:posts',
      config: { event: '*', schema: 'public', table: 'posts', filter: 'owner=eq.1' },
    })
    expect(subscribeMessage({ schema: '', table: '', event: '*', filter: '', channel: 'room:1' })).toEqual({ type: 'subscribe', channel: 'room:1' })
  })

  it('reads change, broadcast and ack frames', () => {
    expect(changeRow({ type: 'postgres_changes', payload: { type: 'DELETE', schema: 'public', table: 'posts', record: null, old_record: { id: 4 } } })).toEqual({
      type: 'DELETE',
      schema: 'public',
      table: 'posts',
      row: { id: 4 },
    })
    expect(innerOf({ type: 'broadcast', channel: 'c', payload: { broadcast: { event: 'ping', payload: 1 } } })).toEqual({ event: 'ping', payload: 1 })
    expect(ackText({ type: 'ack', payload: { subscribed: true, schema: 'public', table: 'posts', event: '*', filter: 'a=eq.1' } })).toBe('subscribed to public.posts (*, a=eq.1)')
    expect(ackText({ type: 'ack', payload: { subscribed: true, channel: 'room:1' } })).toBe('joined room:1')
  })
})

describe('tokens and summaries', () => {
  const token = (claims: object) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.y`
  it('reads claims and tells an expiring token', () => {
    expect(jwtPayload(token({ sub: 'é', exp: 10 }))).toEqual({ sub: 'é', exp: 10 })
    expect(expiresSoon(token({ exp: 10 }), 100_000)).toBe(true)
    expect(expiresSoon(token({ exp: 1000 }), 100_000)).toBe(false)
    expect(givenClaims({ sub: 'u', role: 'authenticated', exp: 1, iat: 1, iss: 'fluxbase', impersonated: true, team: 't' })).toEqual({ sub: 'u', role: 'authenticated', team: 't' })
  })

  it('summarises a row with its id and most telling values first', () => {
    expect(rowSummary({ owner: '0a78c763-f6fd-443a-828e-7edafab1feae', title: 'milk', id: 3, done: false })).toBe('id=3 · title=milk · done=false · owner=0a78c763-f6fd-443a-828e-7edafab1feae')
  })
})
