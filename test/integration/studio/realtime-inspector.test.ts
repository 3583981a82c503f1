// The realtime inspector's endpoints against a real runtime: every captured change (realtime on or off) streamed with
// its delivery decisions and who they were for, replays on (re)connect, open connections and channels, realtime
// switched on and off through the admin API's logic, and broadcasts sent as the studio's identity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { openSse, type SseClient, type SseMessage } from '../realtime/sse-client.js'
import { connect, type WsClient } from '../realtime/ws-client.js'
import { ALICE, BOB, createPosts, insertPost, userToken } from '../realtime/fixtures.js'
import type { InspectorBatch, InspectorChange, InspectorDecision, RealtimeSnapshot, RealtimeTableInfo } from '../../../contract/studio-realtime.js'

let rt: TestRuntime
const clients: WsClient[] = []
const streams: SseClient[] = []

beforeAll(async () => {
  rt = await startTestRuntime()
  await createPosts(rt)
  // Never enabled for realtime: its changes are captured all the same.
  await rt.admin.query('CREATE TABLE public.notes (id serial PRIMARY KEY, body text)')
})
afterAll(async () => {
  for (const c of clients) c.close()
  for (const s of streams) s.close()
  await rt?.stop()
})

function studio(path: string, init: RequestInit & { identity?: string } = {}) {
  const { identity, headers, ...rest } = init
  return fetch(`${rt.info.apiUrl}${path}`, {
    ...rest,
    headers: {
      Authorization: `Bearer ${rt.info.studioToken}`,
      ...(rest.body ? { 'Content-Type': 'application/json' } : {}),
      ...(identity ? { 'X-Studio-Identity': identity } : {}),
      ...(headers as Record<string, string>),
    },
  })
}

async function stream(query = '', headers: Record<string, string> = {}): Promise<SseClient> {
  const s = await openSse(`${rt.info.apiUrl}/studio/api/realtime/stream?token=${encodeURIComponent(rt.info.studioToken)}${query}`, headers)
  streams.push(s)
  return s
}

async function subscriber(token: string | undefined, config: { table: string; filter?: string }, channel = 'realtime:public:posts'): Promise<WsClient> {
  const c = await connect(rt.info.apiUrl, token)
  clients.push(c)
  expect((await c.subscribe(config, channel)).type).toBe('ack')
  return c
}

const batches = (s: SseClient) => s.messages.filter((m) => m.event === 'batch').map((m) => m.data as InspectorBatch)
const decisionsOf = (s: SseClient, eventId: string) => batches(s).flatMap((b) => b.decisions).filter((d) => d.event_id === eventId)

async function changeFor(s: SseClient, pred: (c: InspectorChange) => boolean, what: string): Promise<InspectorChange> {
  const m: SseMessage = await s.next((m) => m.event === 'batch' && (m.data as InspectorBatch).changes.some(pred), what)
  return (m.data as InspectorBatch).changes.find(pred)!
}

async function decisions(s: SseClient, eventId: string, count: number): Promise<InspectorDecision[]> {
  for (let i = 0; i < 100 && decisionsOf(s, eventId).length < count; i++) await new Promise((r) => setTimeout(r, 50))
  return decisionsOf(s, eventId)
}

describe('recording without an open inspector (issue 22, defect 4)', () => {
  it('a change delivered while no inspector stream was open is replayed later with who received it', async () => {
    // First in the file: no inspector stream has been opened yet.
    const alice = await subscriber(await userToken(rt, ALICE), { table: 'posts' })
    const id = await insertPost(rt, { owner: ALICE, title: 'while nobody watched' })
    await alice.next((f) => f.type === 'postgres_changes' && f.payload.record.id === id, 'alice gets her row')
    const later = await stream('&replay=50')
    const replay = (await later.next((m) => m.event === 'batch' && (m.data as InspectorBatch).replay === true, 'replay')).data as InspectorBatch
    const change = replay.changes.find((c) => c.table === 'posts' && c.record?.id === id)
    expect(change).toMatchObject({ decisions_recorded: true, listening: 1 })
    const ds = replay.decisions.filter((d) => d.event_id === change!.id)
    expect(ds.map((d) => [d.outcome, d.identity.user_id])).toEqual([['delivered', ALICE]])
    later.close()
    alice.close()
    // The next tests count listeners: wait until the runtime has seen this socket go.
    await expect
      .poll(async () => ((await (await studio('/studio/api/realtime/snapshot')).json()) as RealtimeSnapshot).connections.length, { timeout: 10_000 })
      .toBe(0)
  })
})

describe('secrets in the change feed (issue 22)', () => {
  it('a new password never shows its hash, nor a prefix of it', async () => {
    const s = await stream('&replay=0')
    await s.next((m) => m.event === 'batch' && (m.data as InspectorBatch).replay === true, 'the replay batch')
    const created = await studio('/studio/api/auth/users', { method: 'POST', body: JSON.stringify({ email: 'hash-check@example.test', password: 'a long enough password' }) })
    expect(created.status).toBe(201)
    const change = await changeFor(s, (c) => c.schema === 'auth' && c.table === 'passwords', 'the auth.passwords insert')
    expect(change.record?.hash).toBe('(secret: not shown)')
    const everything = JSON.stringify(s.messages)
    expect(everything).not.toMatch(/\$argon2/)
    s.close()
  })
})

describe('the change stream', () => {
  it('refuses a request without the studio token', async () => {
    const res = await fetch(`${rt.info.apiUrl}/studio/api/realtime/stream`)
    expect(res.status).toBe(401)
    expect((await res.json()).error).toContain('studio token')
  })

  it('streams a change with who received it, who was filtered out and who RLS refused, by identity', async () => {
    const s = await stream('&replay=0')
    await s.next((m) => m.event === 'batch' && (m.data as InspectorBatch).replay === true, 'the replay batch')
    const alice = await subscriber(await userToken(rt, ALICE), { table: 'posts' })
    await subscriber(await userToken(rt, BOB), { table: 'posts' })
    await subscriber(rt.info.serviceRoleKey, { table: 'posts', filter: 'status=eq.public' }, 'public-only')
    const id = await insertPost(rt, { owner: ALICE, title: 'hello' })
    await alice.next((f) => f.type === 'postgres_changes' && f.payload.record.id === id, 'alice gets her row')

    const change = await changeFor(s, (c) => c.table === 'posts' && c.record?.id === id, 'the posts insert')
    expect(change).toMatchObject({ type: 'INSERT', schema: 'public', delivery: 'live', listening: 3, decisions_recorded: true, old_record: null })
    expect(change.record).toMatchObject({ id, owner: ALICE, title: 'hello' })

    const ds = await decisions(s, change.id, 3)
    const byOutcome = Object.fromEntries(ds.map((d) => [d.outcome, d]))
    expect(Object.keys(byOutcome).sort()).toEqual(['delivered', 'filtered_out', 'refused_rls'])
    expect(byOutcome.delivered.identity).toMatchObject({ role: 'authenticated', user_id: ALICE, label: `${ALICE.slice(0, 8)}@example.com` })
    expect(byOutcome.delivered.identity.claims).toMatchObject({ sub: ALICE, role: 'authenticated' })
    expect(byOutcome.delivered.identity.claims.exp).toBeUndefined()
    expect(byOutcome.delivered.channel).toBe('realtime:public:posts')
    expect(byOutcome.refused_rls.identity.user_id).toBe(BOB)
    expect(byOutcome.filtered_out).toMatchObject({ reason: 'status=eq.public', filter: 'status=eq.public', channel: 'public-only' })
    expect(byOutcome.filtered_out.identity.role).toBe('service_role')
  })

  it('streams changes of tables realtime does not deliver, with old and new rows', async () => {
    const s = await stream('&replay=0')
    const { rows } = await rt.admin.query(`INSERT INTO public.notes (body) VALUES ('draft') RETURNING id`)
    await rt.admin.query(`UPDATE public.notes SET body = 'final' WHERE id = $1`, [rows[0].id])
    const insert = await changeFor(s, (c) => c.table === 'notes' && c.type === 'INSERT', 'the notes insert')
    expect(insert).toMatchObject({ delivery: 'realtime_off', listening: 0, record: { id: rows[0].id, body: 'draft' } })
    const update = await changeFor(s, (c) => c.table === 'notes' && c.type === 'UPDATE', 'the notes update')
    // Not REPLICA IDENTITY FULL: PostgreSQL does not log the old row of an update that keeps the key.
    expect(update).toMatchObject({ delivery: 'realtime_off', record: { body: 'final' }, old_record: null })

    const postId = await insertPost(rt, { owner: BOB, title: 'x' })
    await rt.admin.query(`UPDATE public.posts SET title = 'y' WHERE id = $1`, [postId])
    const postUpdate = await changeFor(s, (c) => c.table === 'posts' && c.type === 'UPDATE' && c.record?.id === postId, 'the posts update')
    expect(postUpdate.old_record).toMatchObject({ id: postId, title: 'x' })
    expect(postUpdate.record).toMatchObject({ id: postId, title: 'y' })
  })

  it('cuts very long values down for the studio and says which', async () => {
    const s = await stream('&replay=0')
    await rt.admin.query(`INSERT INTO public.notes (body) VALUES (repeat('a', 10000))`)
    const change = await changeFor(s, (c) => c.table === 'notes' && typeof c.record?.body === 'string' && (c.record.body as string).startsWith('aaa'), 'the long note')
    expect(change.truncated).toEqual(['body'])
    expect(String(change.record!.body)).toContain('6000 more characters')
  })

  it('replays recent changes with their recorded decisions, and resumes after Last-Event-ID', async () => {
    const live = await stream('&replay=0')
    const alice = await subscriber(await userToken(rt, ALICE), { table: 'posts' })
    const id = await insertPost(rt, { owner: ALICE, title: 'replayed' })
    await alice.next((f) => f.type === 'postgres_changes' && f.payload.record.id === id, 'alice gets it')
    const change = await changeFor(live, (c) => c.record?.id === id && c.table === 'posts', 'live change')
    await decisions(live, change.id, 1)

    const later = await stream('&replay=50')
    const replay = (await later.next((m) => m.event === 'batch' && (m.data as InspectorBatch).replay === true, 'replay')).data as InspectorBatch
    expect(replay.changes.map((c) => c.id)).toContain(change.id)
    expect(replay.decisions.filter((d) => d.event_id === change.id).map((d) => d.outcome)).toContain('delivered')

    const second = await insertPost(rt, { owner: BOB, title: 'after' })
    const next = await changeFor(live, (c) => c.record?.id === second && c.table === 'posts', 'second change')
    const resumed = await stream('', { 'Last-Event-ID': change.id })
    const r = (await resumed.next((m) => m.event === 'batch' && (m.data as InspectorBatch).replay === true, 'resume')).data as InspectorBatch
    expect(r.changes.map((c) => c.id)).toEqual(expect.arrayContaining([next.id]))
    expect(r.changes.map((c) => c.id)).not.toContain(change.id)
    expect(r.gap).toBeUndefined()
  })
})

describe('connections and channels', () => {
  it('lists open sockets with identity, subscriptions (since, events sent) and channels with presence', async () => {
    const carol = await subscriber(await userToken(rt, BOB), { table: 'posts', filter: `owner=eq.${BOB}` }, 'room:lobby')
    carol.send({ type: 'presence', channel: 'room:lobby', payload: { event: 'track', key: 'bob', state: { status: 'online' } } })
    await carol.next((f) => f.type === 'presence', 'presence join')
    const id = await insertPost(rt, { owner: BOB, title: 'counted' })
    await carol.next((f) => f.type === 'postgres_changes' && f.payload.record.id === id, 'bob gets it')

    const snap = (await (await studio('/studio/api/realtime/snapshot')).json()) as RealtimeSnapshot
    expect(snap.capture.up).toBe(true)
    const conn = snap.connections.find((c) => c.channels.includes('room:lobby'))!
    expect(conn).toMatchObject({ transport: 'ws', identity: { role: 'authenticated', user_id: BOB } })
    expect(Date.parse(conn.connected_at!)).toBeGreaterThan(Date.now() - 120_000)
    expect(conn.subscriptions).toEqual([
      expect.objectContaining({ channel: 'room:lobby', schema: 'public', table: 'posts', event: '*', filter: `owner=eq.${BOB}`, events_sent: 1 }),
    ])
    expect(conn.events_sent).toBe(1)
    const lobby = snap.channels.find((c) => c.name === 'room:lobby')!
    expect(lobby.members).toContain(conn.id)
    expect(lobby.presence).toEqual([{ key: 'bob', connection_id: conn.id, state: { status: 'online' } }])
  })

  it('lists SSE streams too', async () => {
    const sse = await openSse(`${rt.info.apiUrl}/api/v1/realtime/sse?table=posts`, { Authorization: `Bearer ${await userToken(rt, ALICE)}` })
    streams.push(sse)
    await expect.poll(async () => {
      const snap = (await (await studio('/studio/api/realtime/snapshot')).json()) as RealtimeSnapshot
      return snap.connections.filter((c) => c.transport === 'sse').map((c) => c.identity.user_id)
    }).toContain(ALICE)
  })
})

describe('realtime on and off per table', () => {
  const tableInfo = async (table: string) =>
    ((await (await studio('/studio/api/realtime/tables')).json()) as { tables: RealtimeTableInfo[] }).tables.find((t) => t.table === table)

  it('lists tables with their realtime state and leaves system schemas out', async () => {
    expect(await tableInfo('posts')).toMatchObject({ schema: 'public', realtime_enabled: true, events: ['INSERT', 'UPDATE', 'DELETE'], rls_enabled: true, replica_identity: 'full' })
    expect(await tableInfo('notes')).toMatchObject({ realtime_enabled: false, events: [], rls_enabled: false, replica_identity: 'default' })
    const all = ((await (await studio('/studio/api/realtime/tables')).json()) as { tables: RealtimeTableInfo[] }).tables
    expect(all.filter((t) => ['auth', 'realtime'].includes(t.schema))).toEqual([])
  })

  it('enables a table (REPLICA IDENTITY FULL), delivering from the next change, and disables it', async () => {
    const on = await studio('/studio/api/realtime/tables/public/notes', { method: 'PUT', body: JSON.stringify({ enabled: true }) })
    expect(on.status).toBe(200)
    expect(await on.json()).toMatchObject({ table: 'notes', realtime_enabled: true, replica_identity: 'full' })
    const s = await stream('&replay=0')
    await rt.admin.query(`INSERT INTO public.notes (body) VALUES ('live now')`)
    expect(await changeFor(s, (c) => c.table === 'notes' && c.record?.body === 'live now', 'enabled note')).toMatchObject({ delivery: 'live' })

    const events = await studio('/studio/api/realtime/tables/public/notes', { method: 'PUT', body: JSON.stringify({ enabled: true, events: ['INSERT'] }) })
    expect(await events.json()).toMatchObject({ events: ['INSERT'] })
    await rt.admin.query(`UPDATE public.notes SET body = 'edited' WHERE body = 'live now'`)
    expect(await changeFor(s, (c) => c.table === 'notes' && c.type === 'UPDATE', 'update of an INSERT-only table')).toMatchObject({ delivery: 'event_off' })

    const off = await studio('/studio/api/realtime/tables/public/notes', { method: 'PUT', body: JSON.stringify({ enabled: false }) })
    expect(await off.json()).toMatchObject({ realtime_enabled: false })
    await rt.admin.query(`INSERT INTO public.notes (body) VALUES ('off again')`)
    expect(await changeFor(s, (c) => c.table === 'notes' && c.record?.body === 'off again', 'disabled note')).toMatchObject({ delivery: 'realtime_off' })
  })

  it('says why it cannot (unknown table, system schema, bad body)', async () => {
    const missing = await studio('/studio/api/realtime/tables/public/nope', { method: 'PUT', body: JSON.stringify({ enabled: true }) })
    expect(missing.status).toBe(404)
    expect((await missing.json()).error).toBe("Table 'public.nope' does not exist")
    const system = await studio('/studio/api/realtime/tables/auth/users', { method: 'PUT', body: JSON.stringify({ enabled: true }) })
    expect(system.status).toBe(400)
    expect((await system.json()).error).toContain("system schema 'auth'")
    const bad = await studio('/studio/api/realtime/tables/public/notes', { method: 'PUT', body: JSON.stringify({ enabled: 'yes' }) })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toContain('enabled')
  })
})

describe('broadcast', () => {
  it('reaches every member of the channel and says how many', async () => {
    const a = await subscriber(await userToken(rt, ALICE), { table: 'posts' }, 'room:chat')
    const b = await connect(rt.info.apiUrl)
    clients.push(b)
    b.send({ type: 'subscribe', channel: 'room:chat' })
    await b.next((f) => f.type === 'ack', 'listen-only ack')
    const res = await studio('/studio/api/realtime/broadcast', { method: 'POST', body: JSON.stringify({ channel: 'room:chat', event: 'ping', payload: { n: 1 } }) })
    expect(await res.json()).toEqual({ success: true, channel: 'room:chat', recipients: 2 })
    for (const c of [a, b]) {
      const f = await c.next((f) => f.type === 'broadcast', 'broadcast')
      expect(f.payload.broadcast).toEqual({ event: 'ping', payload: { n: 1 } })
    }
  })

  it('sends as the studio identity: admin channels refuse a user', async () => {
    const res = await studio('/studio/api/realtime/broadcast', { method: 'POST', identity: await userToken(rt, ALICE), body: JSON.stringify({ channel: 'realtime:admin:ops', payload: {} }) })
    expect(res.status).toBe(403)
    expect((await res.json()).error).toContain('admin access required')
    const empty = await studio('/studio/api/realtime/broadcast', { method: 'POST', body: JSON.stringify({ channel: '' }) })
    expect(empty.status).toBe(400)
  })
})
