// Defect 1 of issue 24: an anonymous subscriber's LIKE filter must not stall the server, must be bounded, and must
// only ever be evaluated on rows the subscriber may see (RLS first), so it says nothing about the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { getRealtime } from '../../../electron/server/realtime/realtime-service.js'
import type { DeliveryDecision } from '../../../electron/server/realtime/delivery-decisions.js'
import { connect, type WsClient } from '../realtime/ws-client.js'
import { createFences, createPosts, insertFence, insertPost } from '../realtime/fixtures.js'

let rt: TestRuntime
const clients: WsClient[] = []

async function anon(filter: string): Promise<WsClient> {
  const c = await connect(rt.info.apiUrl)
  clients.push(c)
  expect((await c.subscribe({ table: 'posts', filter })).type).toBe('ack')
  expect((await c.subscribe({ table: 'fences' })).type).toBe('ack')
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

describe('realtime LIKE filters', () => {
  it('a pathological pattern against a long visible row leaves the server responsive', async () => {
    const c = await anon('title=like.%a%a%a%a%b')
    // Probe /health while the change goes through the fan-out: a backtracking matcher blocks the event loop here.
    let worst = 0
    let probing = true
    const probes = (async () => {
      while (probing) {
        const t0 = performance.now()
        await fetch(rt.info.apiUrl + '/health').catch(() => undefined)
        worst = Math.max(worst, performance.now() - t0)
        await new Promise((r) => setTimeout(r, 20))
      }
    })()
    const started = performance.now()
    await insertPost(rt, { title: 'a'.repeat(140), status: 'public' })
    const fence = await insertFence(rt)
    await c.next((f) => f.type === 'postgres_changes' && f.payload.table === 'fences' && f.payload.record.id === fence, 'fence', 50_000)
    const took = performance.now() - started
    probing = false
    await probes
    expect(c.changes('posts')).toEqual([])
    // Generous for a loaded machine; the backtracking regex blocked the event loop for ~10 s on this value.
    expect(took).toBeLessThan(5_000)
    expect(worst).toBeLessThan(2_500)
    const matching = await insertPost(rt, { title: 'a'.repeat(140) + 'b', status: 'public' })
    await c.next((f) => f.type === 'postgres_changes' && f.payload.record.id === matching, 'the matching row')
  }, 60_000)

  it('refuses patterns that are too long or carry too many wildcards, naming the limit', async () => {
    const c = await connect(rt.info.apiUrl)
    clients.push(c)
    const long = await c.subscribe({ table: 'posts', filter: `title=like.${'x'.repeat(600)}` })
    expect(long.type).toBe('error')
    expect(JSON.stringify(long)).toMatch(/at most 512/)
    const wild = await c.subscribe({ table: 'posts', filter: `title=ilike.${'%a'.repeat(40)}` })
    expect(wild.type).toBe('error')
    expect(JSON.stringify(wild)).toMatch(/40 wildcards: at most 32/)
  })

  it('checks row-level security before the filter: a row anon cannot see is refused, never filtered', async () => {
    const realtime = getRealtime(rt.ctx)!
    const decisions: DeliveryDecision[] = []
    const off = realtime.decisions.subscribe((d) => decisions.push(d))
    const c = await anon('title=like.%secret%')
    const hidden = await insertPost(rt, { title: 'secret draft', status: 'draft' })
    const shown = await insertPost(rt, { title: 'public note', status: 'public' })
    const fence = await insertFence(rt)
    await c.next((f) => f.type === 'postgres_changes' && f.payload.table === 'fences' && f.payload.record.id === fence, 'fence')
    off()
    const posts = decisions.filter((d) => d.table === 'posts' && d.role === 'anon')
    // The two inserts are the last two posts changes judged, in commit order; every anon socket was judged on both.
    const [hiddenSeq, shownSeq] = [...new Set(posts.map((d) => d.seq))].slice(-2)
    const outcomes = (seq: number) => new Set(posts.filter((d) => d.seq === seq).map((d) => d.outcome))
    expect(outcomes(hiddenSeq)).toEqual(new Set(['refused_rls']))
    expect(outcomes(shownSeq)).toContain('filtered_out')
    expect(c.changes('posts').map((p) => p.record.id)).not.toContain(hidden)
    expect(c.changes('posts').map((p) => p.record.id)).not.toContain(shown)
  })
})
