// Realtime over /realtime: the contract's protocol round trips (§5) against a real runtime and a real `ws` client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { getRealtime } from '../../../electron/server/realtime/realtime-service.js'
import { connect, type WsClient } from './ws-client.js'
import { ALICE, BOB, createFences, createPosts, insertFence, insertPost, userToken } from './fixtures.js'

let rt: TestRuntime
const clients: WsClient[] = []
async function open(token?: string): Promise<WsClient> {
  const c = await connect(rt.info.apiUrl, token)
  clients.push(c)
  return c
}

beforeAll(async () => {
  rt = await startTestRuntime()
  await createPosts(rt)
  await createFences(rt)
})
afterAll(async () => {
  for (const c of clients) c.close()
  await rt?.stop()
})

describe('connection', () => {
  it('refuses an invalid token with 401 before the upgrade', async () => {
    await expect(connect(rt.info.apiUrl, 'not-a-jwt')).rejects.toMatchObject({ statusCode: 401 })
  })

  it('reports realtime in /health', async () => {
    const body = await (await fetch(rt.info.apiUrl + '/health')).json()
    expect(body.services.realtime).toBe(true)
  })

  it('sends heartbeats on its timer and ignores client heartbeats', async () => {
    const service = getRealtime(rt.ctx)!
    const before = service.config.heartbeatMs
    service.config.heartbeatMs = 100
    const c = await open(rt.info.serviceRoleKey)
    service.config.heartbeatMs = before
    c.send({ type: 'heartbeat' })
    await c.next((f) => f.type === 'heartbeat', 'server heartbeat', 3000)
    expect(c.frames.filter((f) => f.type === 'error')).toEqual([])
  })

  it('answers garbage and unknown types with error frames, and stays open', async () => {
    const c = await open(rt.info.serviceRoleKey)
    c.socket.send('{nope')
    await c.next((f) => f.type === 'error' && /JSON/.test(f.error), 'json error')
    c.send({ type: 'bogus' })
    await c.next((f) => f.type === 'error' && f.error === 'unknown message type', 'unknown type error')
    expect(c.closed).toBe(false)
  })
})

describe('postgres_changes', () => {
  it('acks a subscribe with a subscription_id and echoes its config', async () => {
    const c = await open(rt.info.serviceRoleKey)
    const ack = await c.subscribe({ table: 'posts', event: 'INSERT', filter: 'score=gt.5' })
    expect(ack).toMatchObject({ type: 'ack', payload: { subscribed: true, schema: 'public', table: 'posts', event: 'INSERT', filter: 'score=gt.5' } })
    expect(ack.payload.subscription_id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('accepts the legacy top-level subscribe fields', async () => {
    const c = await open(rt.info.serviceRoleKey)
    c.send({ type: 'subscribe', channel: 'legacy', table: 'posts', schema: 'public', event: '*' })
    const ack = await c.next((f) => f.type === 'ack', 'ack')
    expect(ack.payload).toMatchObject({ subscribed: true, table: 'posts', event: '*' })
  })

  it('refuses a table that is not enabled, a bad operator and an unknown column', async () => {
    await rt.admin.query('CREATE TABLE public.quiet_table (id int PRIMARY KEY)')
    const c = await open(rt.info.serviceRoleKey)
    expect(await c.subscribe({ table: 'quiet_table' })).toMatchObject({ type: 'error', error: expect.stringContaining('not enabled') })
    expect(await c.subscribe({ table: 'posts', filter: 'score=between.1' })).toMatchObject({ type: 'error', error: expect.stringContaining('unknown operator "between"') })
    expect(await c.subscribe({ table: 'posts', filter: 'nope=eq.1' })).toMatchObject({ type: 'error', error: expect.stringContaining('unknown column "nope"') })
  })

  it('delivers INSERT, UPDATE and DELETE with record, old_record and the commit timestamp', async () => {
    const c = await open(rt.info.serviceRoleKey)
    await c.subscribe({ table: 'posts' })
    const id = await insertPost(rt, { owner: ALICE, title: 'first' })
    await rt.admin.query('UPDATE public.posts SET title = $2 WHERE id = $1', [id, 'second'])
    await rt.admin.query('DELETE FROM public.posts WHERE id = $1', [id])
    const del = await c.next((f) => f.type === 'postgres_changes' && f.payload.type === 'DELETE' && f.payload.old_record?.id === id, 'delete')
    const mine = c.changes('posts').filter((p) => (p.record ?? p.old_record).id === id)
    expect(mine.map((p) => p.type)).toEqual(['INSERT', 'UPDATE', 'DELETE'])
    const [ins, upd] = mine
    expect(ins).toMatchObject({ schema: 'public', table: 'posts', record: { id, owner: ALICE, title: 'first', status: 'draft', score: 0, big: null }, old_record: null })
    expect(upd).toMatchObject({ record: { id, title: 'second' }, old_record: { id, title: 'first', owner: ALICE } })
    expect(del.payload).toMatchObject({ record: null, old_record: { id, title: 'second', owner: ALICE } })
    for (const p of mine) {
      expect(p.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      expect(p.timestamp).toBe(p.commit_timestamp)
      expect(Math.abs(Date.parse(p.commit_timestamp) - Date.now())).toBeLessThan(60_000)
    }
    expect(Object.keys(del)).toEqual(['type', 'payload'])
  })

  it('honours the event type of a subscription', async () => {
    const c = await open(rt.info.serviceRoleKey)
    await c.subscribe({ table: 'posts', event: 'DELETE' })
    const id = await insertPost(rt, { title: 'typed' })
    await rt.admin.query('DELETE FROM public.posts WHERE id = $1', [id])
    await c.next((f) => f.type === 'postgres_changes' && f.payload.old_record?.id === id, 'delete')
    expect(c.changes('posts').map((p) => p.type)).toEqual(['DELETE'])
  })

  it('evaluates filters in memory (eq, neq, gt, lte, in, like, ilike, is)', async () => {
    const cases: [string, (row: { title: string; score: number; status: string }) => boolean][] = [
      ['status=eq.public', (r) => r.status === 'public'],
      ['status=neq.public', (r) => r.status !== 'public'],
      ['score=gt.5', (r) => r.score > 5],
      ['score=lte.5', (r) => r.score <= 5],
      ['score=in.(1,7)', (r) => [1, 7].includes(r.score)],
      ['title=like.f-*', (r) => r.title.startsWith('f-')],
      ['title=ilike.%X%', (r) => /x/i.test(r.title)],
      ['owner=is.null', () => true],
    ]
    const subs = await Promise.all(
      cases.map(async ([filter]) => {
        const c = await open(rt.info.serviceRoleKey)
        expect((await c.subscribe({ table: 'posts', event: 'INSERT', filter })).type).toBe('ack')
        await c.subscribe({ table: 'fences' })
        return c
      }),
    )
    const rows = [
      { title: 'f-one', score: 1, status: 'public' },
      { title: 'f-seven', score: 7, status: 'draft' },
      { title: 'g-box', score: 5, status: 'public' },
    ]
    const ids: number[] = []
    for (const r of rows) ids.push(await insertPost(rt, r))
    // A fence every subscriber receives: once it is there, nothing earlier can still arrive.
    const fence = await insertFence(rt)
    for (let i = 0; i < cases.length; i++) {
      const [filter, want] = cases[i]
      const c = subs[i]
      await c.next((f) => f.type === 'postgres_changes' && f.payload.table === 'fences' && f.payload.record.id === fence, `fence for ${filter}`)
      const got = c.changes('posts').map((p) => p.record.id).filter((id) => ids.includes(id))
      expect(got, filter).toEqual(ids.filter((_, k) => want(rows[k])))
    }
  })

  it('stops delivering after unsubscribe', async () => {
    const c = await open(rt.info.serviceRoleKey)
    const ack = await c.subscribe({ table: 'posts', event: 'INSERT' })
    const keep = await c.subscribe({ table: 'posts', event: 'DELETE' })
    c.send({ type: 'unsubscribe', channel: 'realtime:test', subscription_id: ack.payload.subscription_id })
    await c.next((f) => f.type === 'ack' && f.payload.unsubscribed === true, 'unsubscribe ack')
    const id = await insertPost(rt, { title: 'after unsubscribe' })
    await rt.admin.query('DELETE FROM public.posts WHERE id = $1', [id])
    await c.next((f) => f.payload?.old_record?.id === id, 'delete through the remaining subscription')
    expect(c.changes('posts').filter((p) => p.type === 'INSERT')).toEqual([])
    expect(keep.payload.subscription_id).not.toBe(ack.payload.subscription_id)
  })

  it('sends one frame per connection even when several subscriptions match', async () => {
    const c = await open(rt.info.serviceRoleKey)
    await c.subscribe({ table: 'posts', event: '*' })
    await c.subscribe({ table: 'posts', event: 'INSERT' })
    const id = await insertPost(rt, { title: 'once' })
    const fence = await insertPost(rt, { title: 'fence' })
    await c.next((f) => f.payload?.record?.id === fence, 'fence')
    expect(c.changes('posts').filter((p) => p.record?.id === id)).toHaveLength(1)
  })

  it('leaves out excluded columns and limits events as the registry says', async () => {
    await rt.admin.query('CREATE TABLE public.secrets (id serial PRIMARY KEY, name text, token text)')
    const res = await rt.api('/api/v1/admin/realtime/tables', { method: 'POST', body: JSON.stringify({ table: 'secrets', events: ['INSERT', 'DELETE'], exclude: ['token'] }) })
    expect(res.status).toBe(201)
    const c = await open(rt.info.serviceRoleKey)
    await c.subscribe({ table: 'secrets' })
    await rt.admin.query(`INSERT INTO public.secrets (name, token) VALUES ('a', 's3cr3t')`)
    await rt.admin.query(`UPDATE public.secrets SET name = 'b'`)
    await rt.admin.query(`DELETE FROM public.secrets`)
    await c.next((f) => f.payload?.type === 'DELETE' && f.payload.table === 'secrets', 'delete')
    const got = c.changes('secrets')
    expect(got.map((p) => p.type)).toEqual(['INSERT', 'DELETE'])
    expect(got[0].record).toEqual({ id: 1, name: 'a' })
    expect(got[1].old_record).toEqual({ id: 1, name: 'b' })
  })
})

describe('broadcast and presence', () => {
  it('joins listen-only clients on subscribe and reaches every member, the sender too, with top-level acks', async () => {
    const listener = await open()
    listener.send({ type: 'subscribe', channel: 'room-1' })
    expect(await listener.next((f) => f.type === 'ack', 'ack')).toEqual({ type: 'ack', payload: { subscribed: true, channel: 'room-1' } })
    const sender = await open(await userToken(rt, ALICE))
    sender.send({ type: 'broadcast', channel: 'room-1', event: 'cursor', payload: { x: 1 }, messageId: 'm1' })
    const ack = await sender.next((f) => f.type === 'ack' && f.messageId === 'm1', 'broadcast ack')
    expect(ack).toMatchObject({ messageId: 'm1', status: 'ok', payload: { messageId: 'm1', status: 'ok' } })
    for (const c of [listener, sender]) {
      const f = await c.next((x) => x.type === 'broadcast', 'broadcast')
      expect(f).toMatchObject({ type: 'broadcast', channel: 'room-1', payload: { broadcast: { event: 'cursor', payload: { x: 1 } } } })
    }
  })

  it('POST /api/v1/realtime/broadcast reaches the channel and counts recipients', async () => {
    const a = await open()
    a.send({ type: 'subscribe', channel: 'room-http' })
    await a.next((f) => f.type === 'ack', 'ack')
    const res = await rt.api('/api/v1/realtime/broadcast', { method: 'POST', token: rt.info.anonKey, body: JSON.stringify({ channel: 'room-http', message: { hello: 'world' } }) })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ success: true, channel: 'room-http', recipients: 1 })
    const f = await a.next((x) => x.type === 'broadcast', 'broadcast')
    expect(f.payload.broadcast).toEqual({ event: 'broadcast', payload: { hello: 'world' } })
  })

  it('keeps admin channels for admins', async () => {
    const user = await open(await userToken(rt, BOB))
    user.send({ type: 'subscribe', channel: 'realtime:admin:logs' })
    await user.next((f) => f.type === 'error' && /admin/.test(f.error), 'admin refusal')
  })

  it('announces join, sync for newcomers, and leave when a member untracks or disconnects', async () => {
    const a = await open(await userToken(rt, ALICE))
    a.send({ type: 'subscribe', channel: 'lobby' })
    a.send({ type: 'presence', channel: 'lobby', payload: { event: 'track', key: 'alice', state: { online: true } } })
    const join = await a.next((f) => f.type === 'presence' && f.payload.presence.event === 'join', 'join')
    expect(join.payload.presence).toEqual({ event: 'join', key: 'alice', newPresences: [{ online: true }], currentPresences: { alice: [{ online: true }] } })
    const b = await open(await userToken(rt, BOB))
    b.send({ type: 'subscribe', channel: 'lobby' })
    const sync = await b.next((f) => f.type === 'presence' && f.payload.presence.event === 'sync', 'sync')
    expect(sync.payload.presence.currentPresences).toEqual({ alice: [{ online: true }] })
    // The SDK puts the presence event at the top level of the frame; accept that too.
    b.send({ type: 'presence', channel: 'lobby', event: 'track', payload: { key: 'bob', state: { online: 1 } } })
    await a.next((f) => f.type === 'presence' && f.payload.presence.key === 'bob', 'bob joins')
    b.close()
    const leave = await a.next((f) => f.type === 'presence' && f.payload.presence.event === 'leave', 'leave')
    expect(leave.payload.presence).toMatchObject({ key: 'bob', leftPresences: [{ online: 1 }], currentPresences: { alice: [{ online: true }] } })
  })
})
