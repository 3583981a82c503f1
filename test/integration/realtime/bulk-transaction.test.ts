// A bulk load in one transaction must not make the API hold every change in memory until its commit: capture keeps
// the first 20,000 changes of a transaction, counts and reports the rest, and goes on with the next transaction.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { getRealtime } from '../../../electron/server/realtime/realtime-service.js'
import type { ChangeEvent } from '../../../electron/server/realtime/change-event.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query('CREATE TABLE bulk (id int PRIMARY KEY, note text)')
})
afterAll(async () => rt?.stop())

it('caps the changes kept per transaction, reports the skipped ones, and delivers the next transaction normally', async () => {
  const capture = getRealtime(rt.ctx)!.capture
  const seen: ChangeEvent[] = []
  const off = capture.subscribe((events) => {
    for (const e of events) if (e.table === 'bulk') seen.push(e)
  })
  try {
    await rt.admin.query("INSERT INTO bulk SELECT g, 'x' FROM generate_series(1, 25000) g")
    await rt.admin.query("INSERT INTO bulk VALUES (30000, 'after')")
    const deadline = Date.now() + 60_000
    while (!seen.some((e) => (e.record as { id: number } | null)?.id === 30000) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(seen.filter((e) => (e.record as { id: number }).id <= 25000)).toHaveLength(20000)
    expect(seen.at(-1)?.record).toMatchObject({ id: 30000, note: 'after' })
    const warning = rt.ctx.logs.recent().find((e) => e.message.includes('per-transaction cap'))
    expect(warning?.fields).toMatchObject({ delivered: 20000, skipped: 5000 })
  } finally {
    off()
  }
})
