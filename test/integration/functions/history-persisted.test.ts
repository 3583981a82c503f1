// The execution history outlives a restart: finished executions are written to functions.executions off the
// request path (soon after the call), a new runtime on the same data directory lists them again through the admin
// endpoint, and a function with disable-execution-logs leaves no row.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'

const dataDir = tempDataDir()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-fn-history-'))
fs.writeFileSync(path.join(dir, 'kept.ts'), `export function handler() { return 'kept' }`)
fs.writeFileSync(path.join(dir, 'quiet.ts'), `// @fluxbase:disable-execution-logs\nexport function handler() { return 'quiet' }`)
let rt: TestRuntime | undefined

afterAll(async () => {
  await rt?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const invoke = (name: string) => rt!.api(`/api/v1/functions/${name}/invoke`, { method: 'POST', token: rt!.info.anonKey })

it('executions are saved (not those of a quiet function) and listed again after a restart', async () => {
  rt = await startTestRuntime({ dataDir, functionsDir: dir })
  const kept = await invoke('kept')
  expect(await kept.json()).toBe('kept')
  const id = kept.headers.get('x-execution-id')
  const quiet = await invoke('quiet')
  const quietId = quiet.headers.get('x-execution-id')
  const deadline = Date.now() + 10_000
  let rows: Array<{ id: string; status: string; status_code: number }> = []
  while (Date.now() < deadline && rows.length === 0) {
    rows = (await rt.admin.query('SELECT id, status, status_code FROM functions.executions WHERE id = $1', [id])).rows
    if (!rows.length) await new Promise((r) => setTimeout(r, 100))
  }
  expect(rows).toEqual([{ id, status: 'success', status_code: 200 }])
  expect((await rt.admin.query('SELECT 1 FROM functions.executions WHERE id = $1', [quietId])).rowCount).toBe(0)
  await rt.stop()

  rt = await startTestRuntime({ dataDir, functionsDir: dir })
  const listed = await (await rt.api('/api/v1/admin/functions/executions?function_name=kept')).json()
  expect(listed.executions.map((e: { id: string }) => e.id)).toContain(id)
  expect(listed.executions.find((e: { id: string }) => e.id === id)).toMatchObject({ function_name: 'kept', status: 'success', status_code: 200, method: 'POST', executed_at: expect.any(String) })
}, 180_000)
