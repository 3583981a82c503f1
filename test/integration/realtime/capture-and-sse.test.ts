// Capture across restarts, SSE delivery and resume, 1 MB rows, and slow consumers — against a real runtime.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { getRealtime } from '../../../electron/server/realtime/realtime-service.js'
import { createCaptureStream } from '../../../electron/server/realtime/capture-stream.js'
import type { ChangeEvent } from '../../../electron/server/realtime/change-event.js'
import type { DeliveryDecision } from '../../../electron/server/realtime/delivery-decisions.js'
import { connect, type WsClient } from './ws-client.js'
import { openSse, type SseClient } from './sse-client.js'
import { ALICE, BOB, createFences, createPosts, insertFence, insertPost, userToken } from './fixtures.js'

let rt: TestRuntime
const closers: Array<() => void> = []
async function ws(token?: string): Promise<WsClient> {
  const c = await connect(rt.info.apiUrl, token)
  closers.push(() => c.close())
  return c
}
async function sse(query: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const c = await openSse(`${rt.info.apiUrl}/api/v1/realtime/sse?${query}`, headers)
  closers.push(() => c.close())
  return c
}
const waitUntil = async (cond: () => boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  rt = await startTestRuntime()
  await createPosts(rt)
  await createFences(rt)
})
afterAll(async () => {
  for (const close of closers) close()
  await rt?.stop()
})

describe('capture', () => {
  it('delivers changes made while capture was stopped exactly once after it starts again', async () => {
    const service = getRealtime(rt.ctx)!
    const c = await ws(rt.info.serviceRoleKey)
    await c.subscribe({ table: 'posts', event: 'INSERT' })
    const before = await insertPost(rt, { title: 'before stop' })
    await c.next((f) => f.payload?.record?.id === before, 'row before stop')
    await service.capture.stop()
    expect(service.capture.up).toBe(false)
    const during: number[] = []
    for (let i = 0; i < 5; i++) during.push(await insertPost(rt, { title: `during ${i}` }))
    await service.capture.start()
    expect(service.capture.up).toBe(true)
    const after = await insertPost(rt, { title: 'after start' })
    await c.next((f) => f.payload?.record?.id === after, 'row after start')
    expect(c.changes('posts').map((p) => p.record.id)).toEqual([before, ...during, after])
  })

  it('resumes a separate capture stream from its own permanent slot with nothing lost and nothing twice', async () => {
    const slot = 'test_capture_' + crypto.randomBytes(3).toString('hex')
    const make = () => createCaptureStream({ admin: rt.ctx.pools.admin, logs: rt.ctx.logs, slot })
    const seen: ChangeEvent[] = []
    const first = make()
    first.subscribe((evs) => seen.push(...evs.filter((e) => e.table === 'posts')))
    await first.start()
    const a = await insertPost(rt, { title: 'seen by first' })
    await waitUntil(() => seen.some((e) => e.record?.id === a), 'first stream sees a')
    await first.stop()
    const b = await insertPost(rt, { title: 'made while nobody reads' })
    const second = make()
    second.subscribe((evs) => seen.push(...evs.filter((e) => e.table === 'posts')))
    await second.start()
    const c = await insertPost(rt, { title: 'seen by second' })
    await waitUntil(() => seen.some((e) => e.record?.id === c), 'second stream sees c')
    const ids = seen.map((e) => e.record?.id)
    expect(ids).toEqual([a, b, c])
    const [ea, eb] = seen
    expect(eb.id > ea.id).toBe(true)
    await second.stop()
    await rt.admin.query('SELECT pg_drop_replication_slot($1)', [slot])
  })

  it('carries a 1 MB row intact through INSERT, UPDATE (unchanged TOAST value) and DELETE', async () => {
    const c = await ws(rt.info.serviceRoleKey)
    await c.subscribe({ table: 'posts', filter: 'title=like.big*' })
    // Incompressible, so it really is a megabyte in the WAL and on the wire.
    const big = { blob: crypto.randomBytes(768 * 1024).toString('base64'), n: 1 }
    expect(JSON.stringify(big).length).toBeGreaterThan(1_000_000)
    const id = await insertPost(rt, { title: 'big one', big })
    await rt.admin.query(`UPDATE public.posts SET title = 'big two' WHERE id = $1`, [id])
    await rt.admin.query('DELETE FROM public.posts WHERE id = $1', [id])
    await c.next((f) => f.payload?.type === 'DELETE' && f.payload.old_record?.id === id, 'big delete', 20_000)
    const [ins, upd, del] = c.changes('posts')
    expect(ins.record.big).toEqual(big)
    expect(upd.record.big).toEqual(big)
    expect(upd.old_record.big).toEqual(big)
    expect(del.old_record.big).toEqual(big)
  })

  it('cuts off a consumer that stops reading, past its send buffer, without holding up the others', async () => {
    const service = getRealtime(rt.ctx)!
    const limit = service.config.sendBufferLimit
    service.config.sendBufferLimit = 1024 * 1024
    const decisions: DeliveryDecision[] = []
    const off = service.decisions.subscribe((d) => d.outcome === 'dropped_slow' && decisions.push(d))
    try {
      const slow = await ws(rt.info.serviceRoleKey)
      const fast = await ws(rt.info.serviceRoleKey)
      await slow.subscribe({ table: 'posts', filter: 'title=like.flood*' })
      await fast.subscribe({ table: 'posts', filter: 'title=like.flood*' })
      // The slow client stops reading: the kernel's buffers fill, then the server's.
      ;(slow.socket as unknown as { _socket: { pause(): void } })._socket.pause()
      const ids: number[] = []
      const started = Date.now()
      for (let i = 0; i < 60; i++) ids.push(await insertPost(rt, { title: `flood ${i}`, big: { pad: crypto.randomBytes(192 * 1024).toString('base64') } }))
      await fast.next((f) => f.payload?.record?.id === ids[ids.length - 1], 'last flood row at the fast client', 30_000)
      expect(fast.changes('posts').map((p) => p.record.id)).toEqual(ids)
      expect(Date.now() - started).toBeLessThan(30_000)
      await waitUntil(() => decisions.length > 0, 'a dropped_slow decision')
      expect(decisions[0]).toMatchObject({ outcome: 'dropped_slow', transport: 'ws' })
      expect([...service.connections].some((conn) => conn.id === decisions[0].connection_id)).toBe(false)
    } finally {
      off()
      service.config.sendBufferLimit = limit
    }
  })
})

describe('server-sent events', () => {
  it('streams the same payloads, under the subscriber RLS, with WAL event ids', async () => {
    const alice = await userToken(rt, ALICE)
    const s = await sse('table=posts&event=INSERT', { Authorization: `Bearer ${alice}` })
    expect(s.status).toBe(200)
    await s.next((m) => m.event === 'subscribed', 'subscribed')
    const theirs = await insertPost(rt, { owner: BOB, title: 'bob sse' })
    const mine = await insertPost(rt, { owner: ALICE, title: 'alice sse' })
    const m = await s.next((x) => x.event === 'message' && x.data.record.id === mine, 'alice row')
    expect(m.data).toMatchObject({ type: 'INSERT', schema: 'public', table: 'posts', record: { id: mine, owner: ALICE }, old_record: null })
    expect(m.data.commit_timestamp).toBe(m.data.timestamp)
    expect(m.id).toMatch(/^[0-9A-F]{16}-\d{8}$/)
    expect(s.messages.filter((x) => x.event === 'message').map((x) => x.data.record.id)).not.toContain(theirs)
  })

  it('accepts ?token= and anon, and refuses bad requests before streaming', async () => {
    const viaQuery = await sse(`table=posts&token=${await userToken(rt, BOB)}`)
    expect(viaQuery.status).toBe(200)
    const anon = await sse('table=posts&filter=status=eq.public')
    expect(anon.status).toBe(200)
    const pub = await insertPost(rt, { owner: BOB, title: 'public', status: 'public' })
    await anon.next((m) => m.event === 'message' && m.data.record.id === pub, 'anon public row')
    await viaQuery.next((m) => m.event === 'message' && m.data.record.id === pub, 'bob row')
    expect((await fetch(`${rt.info.apiUrl}/api/v1/realtime/sse?table=fences&token=bad`)).status).toBe(401)
    expect((await fetch(`${rt.info.apiUrl}/api/v1/realtime/sse?table=nope`)).status).toBe(404)
    const bad = await fetch(`${rt.info.apiUrl}/api/v1/realtime/sse?table=posts&filter=score=zz.1`)
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toMatch(/unknown operator "zz"/)
  })

  it('resumes with Last-Event-ID without gaps or repeats, across a capture restart too', async () => {
    const service = getRealtime(rt.ctx)!
    const first = await sse('table=posts&event=INSERT&filter=title=like.resume*', { Authorization: `Bearer ${rt.info.serviceRoleKey}` })
    await first.next((m) => m.event === 'subscribed', 'subscribed')
    const a = await insertPost(rt, { title: 'resume a' })
    const b = await insertPost(rt, { title: 'resume b' })
    const got = await first.next((m) => m.event === 'message' && m.data.record.id === b, 'b')
    first.close()
    const missed: number[] = []
    missed.push(await insertPost(rt, { title: 'resume c' }))
    await service.capture.stop()
    missed.push(await insertPost(rt, { title: 'resume d (capture stopped)' }))
    await service.capture.start()
    missed.push(await insertPost(rt, { title: 'resume e' }))
    await insertFence(rt)
    const second = await sse('table=posts&event=INSERT&filter=title=like.resume*', { Authorization: `Bearer ${rt.info.serviceRoleKey}`, 'Last-Event-ID': got.id! })
    const live = await insertPost(rt, { title: 'resume f (live)' })
    await second.next((m) => m.event === 'message' && m.data.record.id === live, 'live row after resume')
    const ids = second.messages.filter((m) => m.event === 'message').map((m) => m.data.record.id)
    expect(ids).toEqual([...missed, live])
    expect(second.messages.some((m) => m.event === 'reset')).toBe(false)
    expect(a).toBeLessThan(b)
  })

  it('says so with a reset event when asked to resume from before what it holds', async () => {
    const s = await sse('table=posts', { Authorization: `Bearer ${rt.info.serviceRoleKey}`, 'Last-Event-ID': '0000000000000001-00000000' })
    await s.next((m) => m.event === 'reset', 'reset')
  })
})
