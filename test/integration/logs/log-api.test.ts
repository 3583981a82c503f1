// The log endpoints against a real runtime: admin-only access, filters, paging, stats, the studio's export and the
// live SSE stream, and PostgreSQL's own lines joined to the request that caused them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { withIdentity } from '../../../electron/server/postgres/with-identity.js'
import { identityFromClaims } from '../../../electron/server/identity.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  for (let i = 0; i < 5; i++) await fetch(`${rt.info.apiUrl}/api/v1/missing-${i}`, { headers: { 'X-Request-ID': `req-${i}` } })
})
afterAll(async () => rt?.stop())

const studio = (p: string) => fetch(`${rt.info.apiUrl}${p}`, { headers: { Authorization: `Bearer ${rt.info.studioToken}` } })

describe('GET /api/v1/admin/logs', () => {
  it('is for service_role and admins only', async () => {
    expect((await fetch(`${rt.info.apiUrl}/api/v1/admin/logs`)).status).toBe(401)
    const anon = await rt.api('/api/v1/admin/logs', { token: rt.info.anonKey })
    expect(anon.status).toBe(403)
    const user = await rt.api('/api/v1/admin/logs', { token: await rt.signToken({ sub: 'u', role: 'authenticated' }) })
    expect(user.status).toBe(403)
    expect((await rt.api('/api/v1/admin/logs')).status).toBe(200)
  })

  it('filters by category, request id and level, newest first, with paging', async () => {
    const res = await (await rt.api('/api/v1/admin/logs?category=http&level=warn&limit=2')).json()
    expect(res.entries).toHaveLength(2)
    expect(res.total_count).toBeGreaterThanOrEqual(5)
    expect(res.has_more).toBe(true)
    expect(res.entries[0].timestamp >= res.entries[1].timestamp).toBe(true)
    const one = await (await rt.api('/api/v1/admin/logs?request_id=req-3')).json()
    expect(one.entries.map((e: { message: string }) => e.message)).toEqual([expect.stringMatching(/^GET \/api\/v1\/missing-3 → 404/)])
  })

  it('searches text and regex, and ranges by time and status', async () => {
    const s = await (await rt.api('/api/v1/admin/logs?search=MISSING-2')).json()
    expect(s.entries.some((e: { request_id: string }) => e.request_id === 'req-2')).toBe(true)
    const r = await (await rt.api(`/api/v1/admin/logs?regex=${encodeURIComponent('missing-[34]$')}&category=http`)).json()
    expect(r.total_count).toBe(0) // the message ends with the status and duration, not the path
    const r2 = await (await rt.api(`/api/v1/admin/logs?regex=${encodeURIComponent('missing-[34] ')}&category=http`)).json()
    expect(r2.total_count).toBe(2)
    const future = await (await rt.api('/api/v1/admin/logs?start_time=2999-01-01T00:00:00Z')).json()
    expect(future.total_count).toBe(0)
    const st = await (await rt.api('/api/v1/admin/logs?status=4xx&category=http')).json()
    expect(st.total_count).toBeGreaterThanOrEqual(5)
  })

  it('refuses bad parameters with words', async () => {
    const bad = await rt.api('/api/v1/admin/logs?start_time=yesterday')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toContain('start_time')
    const rx = await rt.api('/api/v1/admin/logs?regex=(')
    expect(rx.status).toBe(400)
    expect((await rx.json()).error).toContain('regex')
  })

  it('gives stats', async () => {
    const stats = await (await rt.api('/api/v1/admin/logs/stats')).json()
    expect(stats.total_entries).toBeGreaterThan(5)
    expect(stats.entries_by_category.http).toBeGreaterThanOrEqual(5)
    expect(typeof stats.oldest_entry).toBe('string')
  })
})

describe('studio logs', () => {
  it('needs the studio token and exports JSON lines', async () => {
    expect((await fetch(`${rt.info.apiUrl}/studio/api/logs`)).status).toBe(401)
    const res = await studio('/studio/api/logs/export?category=http')
    expect(res.headers.get('content-type')).toContain('ndjson')
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.length).toBeGreaterThanOrEqual(5)
  })

  it('streams new entries live over SSE', async () => {
    const ctrl = new AbortController()
    const res = await fetch(`${rt.info.apiUrl}/studio/api/logs/stream?token=${rt.info.studioToken}&category=http&replay=0`, { signal: ctrl.signal })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    await fetch(`${rt.info.apiUrl}/api/v1/live-one`, { headers: { 'X-Request-ID': 'live-1' } })
    let text = ''
    const deadline = Date.now() + 5000
    while (!text.includes('live-1') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value)
    ctrl.abort()
    expect(text).toMatch(/event: ?log/)
    expect(text).not.toContain("missing-0")
    expect(text).toContain('"request_id":"live-1"')
  })

  it("joins PostgreSQL's own lines to the request id carried in application_name", async () => {
    const anon = identityFromClaims({ role: 'anon' })
    await withIdentity(rt.ctx.pools.api, anon, (c) => c.query('SELECT 1/0'), { requestId: 'join-me-1' }).catch(() => undefined)
    await new Promise((r) => setTimeout(r, 300))
    const res = await (await studio('/studio/api/logs?request_id=join-me-1&category=postgres')).json()
    expect(res.entries.some((e: { message: string }) => e.message.includes('division by zero'))).toBe(true)
  })
})

describe('logs survive restarts', () => {
  it("makes an earlier run's entries searchable again", async () => {
    const { tempDataDir } = await import('../../helpers/runtime.js')
    const dir = tempDataDir()
    const first = await startTestRuntime({ dataDir: dir })
    await fetch(`${first.info.apiUrl}/api/v1/before-restart`, { headers: { 'X-Request-ID': 'before-restart-1' } })
    await first.stop()
    const second = await startTestRuntime({ dataDir: dir })
    try {
      let found = 0
      for (let i = 0; i < 50 && !found; i++) {
        found = (await (await second.api('/api/v1/admin/logs?request_id=before-restart-1')).json()).total_count
        if (!found) await new Promise((r) => setTimeout(r, 100))
      }
      expect(found).toBe(1)
    } finally {
      await second.stop()
    }
  })
})
