// Issue 24, "Also": an RPC call whose params contain U+0000 is still recorded in the execution history. jsonb (the
// history's input_params and result) refuses \u0000, so the execution row was never written and every log line of
// it then failed on the foreign key. A named procedure and a fallback function, called synchronously and async.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(`
    CREATE FUNCTION public.shout(words text) RETURNS text LANGUAGE sql AS 'SELECT upper(words)';
    GRANT EXECUTE ON FUNCTION public.shout(text) TO service_role;
  `)
  const dir = path.join(rt.ctx.config.projectDir, 'rpc')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'keep_note.sql'), ['-- @fluxbase:name keep_note', '-- @fluxbase:input {"note": "jsonb"}', 'SELECT 1 AS kept'].join('\n'))
  const sync = await rt.api('/api/v1/admin/rpc/sync', { method: 'POST', body: JSON.stringify({ dir: 'rpc' }) })
  expect(sync.status).toBe(200)
})
afterAll(async () => {
  await rt?.stop()
})

async function recorded(id: string): Promise<{ status: string; input: unknown; lines: number }> {
  const end = Date.now() + 20_000
  for (;;) {
    const { rows } = await rt.admin.query<{ status: string; input_params: unknown; lines: number }>(
      `SELECT status, input_params, (SELECT count(*)::int FROM rpc.execution_logs l WHERE l.execution_id = e.id) AS lines FROM rpc.executions e WHERE id = $1`, [id])
    const row = rows[0]
    if (row && !['pending', 'running'].includes(row.status) && row.lines >= 2) return { status: row.status, input: row.input_params, lines: row.lines }
    if (Date.now() > end) return { status: row?.status ?? 'not recorded', input: row?.input_params, lines: row?.lines ?? 0 }
    await new Promise((r) => setTimeout(r, 100))
  }
}

function recordFailures(): string[] {
  return rt.ctx.logs.recent().filter((e) => /could not record execution/.test(e.message)).map((e) => e.message)
}

describe('U+0000 in RPC params', () => {
  it('a named procedure: the call runs and its execution and log lines are recorded', async () => {
    const res = await rt.api('/api/v1/rpc/default/keep_note', { method: 'POST', body: JSON.stringify({ params: { note: { k: 'a\u0000b' } } }) })
    const body = await res.json()
    expect(res.status).toBeLessThan(500)
    const rec = await recorded(body.execution_id)
    expect(rec.lines).toBeGreaterThanOrEqual(2)
    // Kept visibly: the NUL is written as the six characters \u0000.
    expect(rec.input).toEqual({ note: { k: 'a\\u0000b' } })
  })

  it('a fallback function, sync and async: recorded, and the sync call is a 4xx naming the byte', async () => {
    const sync = await rt.api('/api/v1/rpc/default/shout', { method: 'POST', body: JSON.stringify({ params: { words: 'a\u0000b' } }) })
    const syncBody = await sync.json()
    expect(sync.status).toBe(400)
    expect(syncBody.error).toMatch(/0x00/)
    const asyncRes = await rt.api('/api/v1/rpc/default/shout', { method: 'POST', body: JSON.stringify({ params: { words: 'c\u0000d' }, async: true }) })
    expect(asyncRes.status).toBe(202)
    const { execution_id } = await asyncRes.json()
    for (const id of [syncBody.execution_id as string, execution_id as string]) {
      const rec = await recorded(id)
      expect(rec.status).toBe('failed')
      expect(rec.lines).toBeGreaterThanOrEqual(2)
    }
    const logs = await (await rt.api(`/api/v1/rpc/executions/${execution_id}/logs`)).json()
    expect(JSON.stringify(logs)).toMatch(/0x00/)
    expect(recordFailures()).toEqual([])
  })
})
