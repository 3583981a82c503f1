// Defect 4 of issue 24: SSE resume. Non-change events carry the stream's position (never a random id that an
// EventSource would send back and that every change id compares below), Last-Event-ID is validated, and a resumed
// client that stops reading is cut off like any other (the live changes held during its replay are bounded).
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { openSse, type SseClient } from '../realtime/sse-client.js'
import { createPosts, insertPost } from '../realtime/fixtures.js'

let rt: TestRuntime
const streams: SseClient[] = []
const CHANGE_ID = /^[0-9A-F]{16}-\d{8}$/

beforeAll(async () => {
  rt = await startTestRuntime()
  await createPosts(rt)
})
afterAll(async () => {
  for (const s of streams) s.close()
  await rt?.stop()
})

async function sse(headers: Record<string, string> = {}): Promise<SseClient> {
  const s = await openSse(`${rt.info.apiUrl}/api/v1/realtime/sse?table=posts&event=INSERT`, { Authorization: `Bearer ${rt.info.serviceRoleKey}`, ...headers })
  streams.push(s)
  return s
}

describe('SSE resume', () => {
  it('gives the subscribed event a position id, from which a reconnect resumes without losing changes', async () => {
    await insertPost(rt, { title: 'before anyone listens' })
    const first = await sse()
    const subscribed = await first.next((m) => m.event === 'subscribed', 'subscribed')
    expect(subscribed.id).toMatch(CHANGE_ID)
    first.close()
    // No change reached the client: an EventSource reconnects with the subscribed event's id.
    const missed = [await insertPost(rt, { title: 'missed 1' }), await insertPost(rt, { title: 'missed 2' })]
    const second = await sse({ 'Last-Event-ID': subscribed.id! })
    const live = await insertPost(rt, { title: 'live' })
    await second.next((m) => m.event === 'message' && m.data.record.id === live, 'the live row')
    expect(second.messages.filter((m) => m.event === 'message').map((m) => m.data.record.id)).toEqual([...missed, live])
    const again = await second.next((m) => m.event === 'subscribed', 'subscribed')
    expect(again.id).toBe(subscribed.id)
  })

  it('refuses a Last-Event-ID that is not a change id, with a 400 that says what it expected', async () => {
    const res = await fetch(`${rt.info.apiUrl}/api/v1/realtime/sse?table=posts`, { headers: { Authorization: `Bearer ${rt.info.serviceRoleKey}`, 'Last-Event-ID': '6f1c1a52-3b4e-4a53-9d0e-5c7a1f0e2b11' } })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/is not a change id/)
  })

  it('cuts off a resumed client that stops reading, however many changes it has to catch up on', async () => {
    const start = await sse()
    const from = (await start.next((m) => m.event === 'subscribed', 'subscribed')).id!
    start.close()
    const big = { pad: 'x'.repeat(200_000) }
    for (let i = 0; i < 60; i++) await insertPost(rt, { title: `history ${i}`, big })
    // Resume from before 12 MB of changes, and never read a byte.
    const req = http.get(`${rt.info.apiUrl}/api/v1/realtime/sse?table=posts&event=INSERT`, { headers: { Authorization: `Bearer ${rt.info.serviceRoleKey}`, 'Last-Event-ID': from } })
    req.on('error', () => undefined)
    req.on('response', (res) => res.pause())
    let cut = false
    const off = rt.ctx.logs.subscribe((entry) => {
      if (entry.component === 'sse' && /disconnected/.test(entry.message)) cut = true
    })
    // Live changes keep coming while the replay waits for the stalled socket.
    for (let i = 0; i < 120 && !cut; i++) await insertPost(rt, { title: `live ${i}`, big })
    for (let i = 0; i < 100 && !cut; i++) await new Promise((r) => setTimeout(r, 100))
    off()
    req.destroy()
    expect(cut).toBe(true)
  }, 120_000)
})
