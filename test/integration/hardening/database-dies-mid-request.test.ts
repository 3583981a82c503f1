// Issue 24, "Also": a request in flight when PostgreSQL dies is the client's cue to retry, not a server bug: a 503
// saying the database is unavailable, for an RPC call (which answered 500 "the procedure failed") and a REST read.
// The fault is injected as in foundation/faults.test.ts: SIGKILL of the embedded postmaster; the runtime restarts it.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(`
    CREATE FUNCTION public.nap(s float8) RETURNS float8 LANGUAGE sql AS 'SELECT pg_sleep(s); SELECT s';
    GRANT EXECUTE ON FUNCTION public.nap(float8) TO service_role;
    CREATE VIEW public.sleepy AS SELECT 1 AS id, pg_sleep(20)::text AS slept;
    GRANT SELECT ON public.sleepy TO service_role;
  `)
})
afterAll(async () => {
  await rt?.stop()
})

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('PostgreSQL dies while requests run', () => {
  it('answers 503 "database unavailable, retry" to the RPC call and the REST read in flight', async () => {
    const rpc = rt.api('/api/v1/rpc/default/nap', { method: 'POST', body: JSON.stringify({ params: { s: 20 } }) })
    const read = rt.api('/api/v1/tables/sleepy')
    await until('both statements running', async () => {
      const { rows } = await rt.admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query ILIKE '%nap%' OR query ILIKE '%sleepy%'`)
      return rows[0].n >= 2
    })
    const pid = Number(fs.readFileSync(path.join(rt.info.dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0])
    process.kill(pid, 'SIGKILL')

    for (const res of [await rpc, await read]) {
      const body = await res.json()
      expect({ status: res.status, body }).toMatchObject({ status: 503, body: { error: expect.stringMatching(/database is unavailable.*retry/) } })
    }
    // The runtime brings PostgreSQL back; the same calls work again.
    await until('PostgreSQL restarted', async () => (await fetch(`${rt.info.apiUrl}/health`)).status === 200)
    const again = await rt.api('/api/v1/rpc/default/nap', { method: 'POST', body: JSON.stringify({ params: { s: 0 } }) })
    expect(again.status).toBe(200)
  }, 120_000)
})
