// Issue 24, "Also": the studio's status reports the runtime's memory by part — the process (RSS, heap, buffers), the
// realtime change history, unread WebSocket/SSE send buffers, the log bus's index and the database pools — so a
// growing RSS can be traced to what holds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { openSse, type SseClient } from '../realtime/sse-client.js'
import { connect, type WsClient } from '../realtime/ws-client.js'
import { createPosts, insertPost } from '../realtime/fixtures.js'
import type { MemoryReport } from '../../../electron/server/studio/runtime-memory.js'

let rt: TestRuntime
let sse: SseClient | undefined
let ws: WsClient | undefined

beforeAll(async () => {
  rt = await startTestRuntime()
  await createPosts(rt)
})
afterAll(async () => {
  sse?.close()
  ws?.close()
  await rt?.stop()
})

async function memory(): Promise<MemoryReport> {
  const res = await fetch(`${rt.info.apiUrl}/studio/api/status`, { headers: { Authorization: `Bearer ${rt.info.studioToken}` } })
  expect(res.status).toBe(200)
  return (await res.json()).memory as MemoryReport
}

describe('memory by part in /studio/api/status', () => {
  it('reports each part, and the change history grows with the changes it keeps', async () => {
    const before = await memory()
    expect(before.process.rss).toBeGreaterThan(before.process.heap_used)
    expect(before.logs.entries).toBeGreaterThan(0)
    expect(before.logs.bytes).toBeGreaterThan(0)
    expect(before.pools.api.connections + before.pools.admin.connections).toBeGreaterThan(0)

    sse = await openSse(`${rt.info.apiUrl}/api/v1/realtime/sse?table=posts&event=INSERT`, { Authorization: `Bearer ${rt.info.serviceRoleKey}` })
    ws = await connect(rt.info.apiUrl, rt.info.serviceRoleKey)
    const id = await insertPost(rt, { title: 'big', big: { pad: 'x'.repeat(300_000) } })
    await sse.next((m) => m.event === 'message' && m.data.record.id === id, 'the big row')

    const after = await memory()
    expect(after.realtime).not.toBeNull()
    expect(after.realtime!.history_events).toBeGreaterThan(before.realtime?.history_events ?? 0)
    expect(after.realtime!.history_bytes - (before.realtime?.history_bytes ?? 0)).toBeGreaterThan(300_000)
    expect(after.send_buffers.sse.streams).toBe(1)
    expect(after.send_buffers.websocket.connections).toBe(1)
    expect(after.send_buffers.sse.bytes).toBeGreaterThanOrEqual(0)
  })
})
