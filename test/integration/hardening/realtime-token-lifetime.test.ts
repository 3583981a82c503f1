// Defect 3 of issue 24: realtime streams end with their token. A WebSocket or SSE stream opened with a user's
// token is closed on sign-out (through the revocation state the listener feeds) and at the token's exp, unless a
// WebSocket client refreshed its token over the socket (the contract's access_token message).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { secretKey, signJwt } from '../../../electron/server/auth/jwt.js'
import { connect, type WsClient } from '../realtime/ws-client.js'
import { openSse, type SseClient } from '../realtime/sse-client.js'
import { createPosts, insertPost } from '../realtime/fixtures.js'
import { newUser, sdk } from '../auth/auth-client.js'

let rt: TestRuntime
const sockets: WsClient[] = []
const streams: SseClient[] = []

beforeAll(async () => {
  rt = await startTestRuntime()
  await createPosts(rt)
})
afterAll(async () => {
  for (const s of sockets) s.close()
  for (const s of streams) s.close()
  await rt?.stop()
})

const shortToken = (sub: string, seconds: number) => signJwt(secretKey(rt.info.jwtSecret), { iss: 'fluxbase', sub, role: 'authenticated' }, { expiresInSeconds: seconds })

async function socket(token: string): Promise<WsClient> {
  const c = await connect(rt.info.apiUrl, token)
  sockets.push(c)
  expect((await c.subscribe({ table: 'posts' })).type).toBe('ack')
  return c
}

async function closed(c: WsClient, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!c.closed && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
}

async function sse(token: string): Promise<SseClient> {
  const s = await openSse(`${rt.info.apiUrl}/api/v1/realtime/sse?table=posts`, { Authorization: `Bearer ${token}` })
  streams.push(s)
  expect(s.status).toBe(200)
  await s.next((m) => m.event === 'subscribed', 'subscribed')
  return s
}

describe('realtime streams end with their token', () => {
  it('closes a WebSocket and an SSE stream when the user signs out', async () => {
    const session = await newUser(rt, 'leaver@example.com')
    const ws = await socket(session.access_token)
    const stream = await sse(session.access_token)
    const before = await insertPost(rt, { owner: session.user.id, title: 'before sign-out' })
    await ws.next((f) => f.type === 'postgres_changes' && f.payload.record.id === before, 'the row before sign-out')
    expect((await sdk(rt).signOut(session.access_token)).status).toBeLessThan(300)
    await closed(ws, 10_000)
    expect(ws.closed).toBe(true)
    expect(ws.closeCode).toBe(1008)
    expect(ws.frames.some((f) => f.type === 'error' && /session revoked/.test(f.error))).toBe(true)
    const end = await stream.next((m) => m.event === 'closed', 'the closed event')
    expect(end.data.reason).toMatch(/session revoked/)
    expect((await sdk(rt).getUser(session.access_token)).status).toBe(401)
  })

  it('closes a WebSocket at its token’s exp, unless the client refreshed the token over the socket', async () => {
    const user = '44444444-4444-4444-4444-444444444444'
    const lapsing = await socket(await shortToken(user, 3))
    const refreshed = await socket(await shortToken(user, 3))
    refreshed.send({ type: 'access_token', token: await shortToken(user, 3600) })
    await refreshed.next((f) => f.type === 'ack' && f.payload?.type === 'access_token', 'the access_token ack')
    await closed(lapsing, 15_000)
    expect(lapsing.closed).toBe(true)
    expect(lapsing.frames.some((f) => f.type === 'error' && /token expired/.test(f.error))).toBe(true)
    expect(refreshed.closed).toBe(false)
    const id = await insertPost(rt, { owner: user, title: 'after the first exp' })
    await refreshed.next((f) => f.type === 'postgres_changes' && f.payload.record.id === id, 'a change after the first exp')
  })

  it('ends an SSE stream at its token’s exp', async () => {
    const stream = await sse(await shortToken('55555555-5555-5555-5555-555555555555', 3))
    const end = await stream.next((m) => m.event === 'closed', 'the closed event', 15_000)
    expect(end.data.reason).toBe('token expired')
  })
})
