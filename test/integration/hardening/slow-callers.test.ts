// Defect 2 of issue 24: slow calls must not starve the API. Per-role statement timeouts set with the identity (the
// studio's console exempt), a pool-acquire deadline answering 503 with words, a cap on async RPCs per caller, a
// response-size cap naming its limit, and /health that shows the pool's saturation. Small limits keep it quick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime({
    // One of the three is the revocation listener's (LISTEN): two serve requests.
    apiConnections: 3,
    limits: { statementTimeoutMs: { anon: 1_000, authenticated: 2_000 }, poolAcquireTimeoutMs: 2_500, asyncRpcPerCaller: 2, maxResponseBytes: 64 * 1024 },
  })
  await rt.admin.query(`
    CREATE FUNCTION public.slow(s float8) RETURNS float8 LANGUAGE sql AS 'SELECT pg_sleep(s); SELECT s';
    GRANT EXECUTE ON FUNCTION public.slow(float8) TO anon, authenticated, service_role;
    CREATE TABLE public.parents (id int PRIMARY KEY);
    CREATE TABLE public.children (id serial PRIMARY KEY, parent_id int REFERENCES public.parents, body text);
    INSERT INTO public.parents SELECT g FROM generate_series(1, 5) g;
    INSERT INTO public.children (parent_id, body) SELECT 1 + g % 5, repeat('x', 100) FROM generate_series(1, 2000) g;
    GRANT SELECT ON public.parents, public.children TO anon, authenticated;
  `)
  await warm()
})
afterAll(async () => {
  await rt?.stop()
})

/** All API connections opened (opening one is slow on a loaded machine, and counts against the deadline). */
async function warm(): Promise<void> {
  await until('three open API connections', async () => {
    await Promise.all([rpc(0.3), rpc(0.3)])
    return rt.ctx.pools.api.totalCount >= 3
  })
}

const rpc = (s: number, init: { token?: string; async?: boolean } = {}) =>
  rt.api('/api/v1/rpc/default/slow', { method: 'POST', token: init.token, body: JSON.stringify({ params: { s }, async: init.async ?? false }) })

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('slow callers', () => {
  it('cancels an anon statement at the anon timeout, with a 504 that says so', async () => {
    const started = Date.now()
    const res = await rpc(10, { token: rt.info.anonKey })
    const took = Date.now() - started
    expect(res.status).toBe(504)
    expect((await res.json()).error ?? '').toMatch(/statement timeout of role anon/)
    expect(took).toBeLessThan(8_000)
  })

  it('gives authenticated its longer timeout, and the service role none', async () => {
    const user = await rt.signToken({ sub: '22222222-2222-2222-2222-222222222222', role: 'authenticated' })
    expect((await rpc(1.4, { token: user })).status).toBe(200)
    expect((await rpc(3, { token: user })).status).toBe(504)
    expect((await rpc(2.5)).status).toBe(200)
  })

  it('exempts the studio console, even run as anon', async () => {
    const res = await fetch(`${rt.info.apiUrl}/studio/api/sql`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json', 'X-Studio-Identity': rt.info.anonKey },
      body: JSON.stringify({ sql: 'SELECT pg_sleep(1.5); SELECT current_user' }),
    })
    const body = await res.json()
    expect(body.error?.message).toBeUndefined()
    expect(body.results[1].rows).toEqual([['anon']])
  })

  it('answers 503 with words when no connection frees up in time, and /health shows the saturation', async () => {
    await warm()
    // The service role has no statement timeout: two of its slow calls hold both request connections.
    const hogs = [rpc(5), rpc(5)]
    await until('both connections busy', async () => (await (await fetch(rt.info.apiUrl + '/health')).json()).pool.in_use >= 3)
    const read = rt.api('/api/v1/tables/parents?select=id', { token: rt.info.anonKey })
    let saw: Record<string, unknown> | undefined
    await until('/health to report saturation', async () => {
      const h = await (await fetch(rt.info.apiUrl + '/health')).json()
      if (h.pool.saturated) saw = h
      return h.pool.saturated
    }, 5_000)
    expect(saw).toMatchObject({ status: 'saturated', pool: { max: 3, in_use: 3, saturated: true } })
    const res = await read
    expect(res.status).toBe(503)
    expect((await res.json()).error).toMatch(/database is busy: no connection became free within 2500 ms/)
    for (const r of await Promise.all(hogs)) expect([r.status, await r.text()]).toEqual([200, expect.any(String)])
    expect((await (await fetch(rt.info.apiUrl + '/health')).json()).pool).toMatchObject({ waiting: 0, saturated: false })
  })

  it('caps async executions per caller with a 429 naming the cap', async () => {
    const user = await rt.signToken({ sub: '33333333-3333-3333-3333-333333333333', role: 'authenticated' })
    const first = await Promise.all([rpc(1.5, { token: user, async: true }), rpc(1.5, { token: user, async: true })])
    expect(first.map((r) => r.status)).toEqual([202, 202])
    const third = await rpc(0.1, { token: user, async: true })
    expect(third.status).toBe(429)
    expect((await third.json()).error).toMatch(/at most 2 at once/)
    const ids = await Promise.all(first.map(async (r) => (await r.json()).execution_id as string))
    await until('the async calls to finish', async () => {
      const states = await Promise.all(ids.map(async (id) => (await (await rt.api(`/api/v1/rpc/executions/${id}`, { token: user })).json()).status))
      return states.every((s) => s === 'completed')
    })
    expect((await rpc(0.1, { token: user, async: true })).status).toBe(202)
  })

  it('refuses a read whose embeds outgrow the response limit, naming it', async () => {
    const res = await rt.api('/api/v1/tables/parents?select=id,children(id,body)', { token: rt.info.anonKey })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/more than the 65536-byte limit \(--max-response-bytes\)/)
    expect((await rt.api('/api/v1/tables/parents?select=id,children(id)&children.limit=3', { token: rt.info.anonKey })).status).toBe(200)
  })
})
