// Realtime under row-level security: each subscriber receives a change only if its identity may SELECT that row
// (DELETEs judged on the old row), checked once per identity per batch, revocations effective for the next event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { getRealtime } from '../../../electron/server/realtime/realtime-service.js'
import type { DeliveryDecision } from '../../../electron/server/realtime/delivery-decisions.js'
import { connect, type WsClient } from './ws-client.js'
import { ALICE, BOB, createFences, createPosts, insertFence, insertPost, userToken } from './fixtures.js'

let rt: TestRuntime
const clients: WsClient[] = []

async function subscriber(token: string | undefined, config: { table: string; event?: string; filter?: string } = { table: 'posts' }): Promise<WsClient> {
  const c = await connect(rt.info.apiUrl, token)
  clients.push(c)
  expect((await c.subscribe(config)).type).toBe('ack')
  expect((await c.subscribe({ table: 'fences' })).type).toBe('ack')
  return c
}

/** Inserts a fence row and waits until every client has it: after that, nothing earlier is still on its way. */
async function settle(...cs: WsClient[]): Promise<void> {
  const id = await insertFence(rt)
  await Promise.all(cs.map((c) => c.next((f) => f.type === 'postgres_changes' && f.payload.table === 'fences' && f.payload.record.id === id, 'fence')))
}

const postIds = (c: WsClient, type?: string) =>
  c
    .changes('posts')
    .filter((p) => !type || p.type === type)
    .map((p) => (p.record ?? p.old_record).id)

beforeAll(async () => {
  rt = await startTestRuntime()
  await createPosts(rt)
  await createFences(rt)
})
afterAll(async () => {
  for (const c of clients) c.close()
  await rt?.stop()
})

describe('per-subscriber RLS', () => {
  it('gives two users only their own rows; anon sees public rows; service_role sees all', async () => {
    const alice = await subscriber(await userToken(rt, ALICE))
    const bob = await subscriber(await userToken(rt, BOB))
    const anon = await subscriber(undefined)
    const service = await subscriber(rt.info.serviceRoleKey)
    const a1 = await insertPost(rt, { owner: ALICE, title: 'a1' })
    const b1 = await insertPost(rt, { owner: BOB, title: 'b1', status: 'public' })
    const a2 = await insertPost(rt, { owner: ALICE, title: 'a2' })
    await settle(alice, bob, anon, service)
    expect(postIds(alice)).toEqual([a1, a2])
    expect(postIds(bob)).toEqual([b1])
    expect(postIds(anon)).toEqual([b1])
    expect(postIds(service)).toEqual([a1, b1, a2])
  })

  it('delivers the DELETE of a visible row, judged on the old row, and only to those who could see it', async () => {
    const alice = await subscriber(await userToken(rt, ALICE))
    const bob = await subscriber(await userToken(rt, BOB))
    const id = await insertPost(rt, { owner: ALICE, title: 'to delete' })
    await rt.admin.query('DELETE FROM public.posts WHERE id = $1', [id])
    await settle(alice, bob)
    expect(alice.changes('posts').map((p) => [p.type, (p.record ?? p.old_record).id])).toEqual([
      ['INSERT', id],
      ['DELETE', id],
    ])
    expect(alice.changes('posts')[1].old_record).toMatchObject({ id, owner: ALICE, title: 'to delete' })
    expect(postIds(bob)).toEqual([])
  })

  it('stops sending a row that becomes invisible, and starts sending it to its new owner', async () => {
    const alice = await subscriber(await userToken(rt, ALICE))
    const bob = await subscriber(await userToken(rt, BOB))
    const id = await insertPost(rt, { owner: ALICE, title: 'moving' })
    await rt.admin.query('UPDATE public.posts SET owner = $2 WHERE id = $1', [id, BOB])
    await rt.admin.query(`UPDATE public.posts SET title = 'moved' WHERE id = $1`, [id])
    await settle(alice, bob)
    expect(alice.changes('posts').map((p) => p.type)).toEqual(['INSERT'])
    expect(bob.changes('posts').map((p) => [p.type, p.record.title, p.record.owner])).toEqual([
      ['UPDATE', 'moving', BOB],
      ['UPDATE', 'moved', BOB],
    ])
  })

  it('applies a dropped policy from the next event on', async () => {
    const alice = await subscriber(await userToken(rt, ALICE))
    const before = await insertPost(rt, { owner: ALICE, title: 'before revoke' })
    await settle(alice)
    await rt.admin.query('DROP POLICY posts_owner ON public.posts')
    const after = await insertPost(rt, { owner: ALICE, title: 'after revoke' })
    // Access is judged when the change is fanned out, against the catalog of that moment.
    await settle(alice)
    await rt.admin.query('CREATE POLICY posts_owner ON public.posts FOR SELECT TO authenticated USING (owner = auth.uid())')
    const restored = await insertPost(rt, { owner: ALICE, title: 'after restore' })
    await settle(alice)
    expect(postIds(alice)).toEqual([before, restored])
    expect(postIds(alice)).not.toContain(after)
  })

  it('applies a revoked grant from the next event on', async () => {
    const alice = await subscriber(await userToken(rt, ALICE))
    await rt.admin.query('REVOKE SELECT ON public.posts FROM authenticated')
    const hidden = await insertPost(rt, { owner: ALICE, title: 'no grant' })
    await settle(alice)
    await rt.admin.query('GRANT SELECT ON public.posts TO authenticated')
    const shown = await insertPost(rt, { owner: ALICE, title: 'grant back' })
    await settle(alice)
    expect(postIds(alice)).toEqual([shown])
    expect(hidden).toBeLessThan(shown)
  })

  it('switches a socket to the identity of an access_token update for the next event', async () => {
    const c = await subscriber(await userToken(rt, ALICE))
    const mine = await insertPost(rt, { owner: ALICE, title: 'alice row' })
    await settle(c)
    c.send({ type: 'access_token', token: await userToken(rt, BOB) })
    expect(await c.next((f) => f.type === 'ack' && f.payload?.type === 'access_token', 'token ack')).toEqual({ type: 'ack', payload: { type: 'access_token', updated: true } })
    const alices = await insertPost(rt, { owner: ALICE, title: 'alice after swap' })
    const bobs = await insertPost(rt, { owner: BOB, title: 'bob after swap' })
    await settle(c)
    expect(postIds(c)).toEqual([mine, bobs])
    expect(postIds(c)).not.toContain(alices)
    c.send({ type: 'access_token', token: 'garbage' })
    await c.next((f) => f.type === 'error' && f.error === 'invalid token', 'refused token')
  })

  it('keeps other identities served when the check of one fails', async () => {
    await rt.admin.query(`
      CREATE TABLE public.fragile (id serial PRIMARY KEY, owner uuid);
      ALTER TABLE public.fragile ENABLE ROW LEVEL SECURITY;
      GRANT SELECT ON public.fragile TO anon, authenticated;
      CREATE POLICY fragile_owner ON public.fragile FOR SELECT TO authenticated USING (owner = auth.uid());
      CREATE POLICY fragile_anon ON public.fragile FOR SELECT TO anon USING ((1 / (id - id)) = 1);`)
    expect((await rt.api('/api/v1/admin/realtime/tables', { method: 'POST', body: JSON.stringify({ table: 'fragile' }) })).status).toBe(201)
    const alice = await subscriber(await userToken(rt, ALICE), { table: 'fragile' })
    const anon = await subscriber(undefined, { table: 'fragile' })
    const { rows } = await rt.admin.query('INSERT INTO public.fragile (owner) VALUES ($1) RETURNING id', [ALICE])
    await settle(alice, anon)
    expect(alice.changes('fragile').map((p) => p.record.id)).toEqual([rows[0].id])
    expect(anon.changes('fragile')).toEqual([])
  })

  it('checks each change once per identity, not once per socket, and reports every decision', async () => {
    const service = getRealtime(rt.ctx)!
    // Earlier tests' sockets (anon among them) would be identities of their own: start from none.
    for (const c of clients.splice(0)) c.close()
    for (let i = 0; i < 100 && service.subscriptions.size > 0; i++) await new Promise((r) => setTimeout(r, 20))
    const decisions: DeliveryDecision[] = []
    const off = service.decisions.subscribe((d) => decisions.push(d))
    const token = await userToken(rt, ALICE)
    const sockets = await Promise.all([1, 2, 3, 4, 5].map(() => subscriber(token, { table: 'posts', event: 'INSERT' })))
    const filtered = await subscriber(token, { table: 'posts', event: 'INSERT', filter: 'title=eq.nothing' })
    const bob = await subscriber(await userToken(rt, BOB), { table: 'posts', event: 'INSERT' })
    await settle(...sockets, filtered, bob)
    const checksBefore = service.fanOut.stats().checks
    const id = await insertPost(rt, { owner: ALICE, title: 'fan' })
    await Promise.all(sockets.map((c) => c.next((f) => f.payload?.record?.id === id, 'row')))
    const eventId = decisions.find((d) => d.outcome === 'delivered' && d.table === 'posts' && d.seq > 0 && sockets.some((s) => s.changes('posts').some((p) => p.record.id === id)))?.event_id
    const forRow = () => decisions.filter((d) => d.event_id === eventId)
    for (let i = 0; i < 100 && forRow().length < 7; i++) await new Promise((r) => setTimeout(r, 20))
    // Two identities among the candidates (alice on six sockets, bob on one): two checks, not seven.
    expect(service.fanOut.stats().checks - checksBefore).toBe(2)
    off()
    const mine = forRow()
    expect(mine.filter((d) => d.outcome === 'delivered')).toHaveLength(5)
    expect(mine.filter((d) => d.outcome === 'filtered_out')).toEqual([expect.objectContaining({ user_id: ALICE, reason: 'title=eq.nothing' })])
    expect(mine.filter((d) => d.outcome === 'refused_rls')).toEqual([expect.objectContaining({ user_id: BOB, role: 'authenticated', transport: 'ws' })])
    for (const d of mine) expect(d.subscription_id).toMatch(/^[0-9a-f-]{36}$/)
    await settle(bob, filtered)

    const stats = await (await rt.api('/api/v1/realtime/stats')).json()
    expect(stats.decisions.delivered).toBeGreaterThan(0)
    expect(stats.decisions.refused_rls).toBeGreaterThan(0)
    expect(stats.decisions.filtered_out).toBeGreaterThan(0)
    expect(stats.capture.up).toBe(true)
    expect(stats.slot).toMatchObject({ exists: true, active: true })
    expect((await rt.api('/api/v1/realtime/stats', { token: await userToken(rt, BOB) })).status).toBe(403)
  })
})
