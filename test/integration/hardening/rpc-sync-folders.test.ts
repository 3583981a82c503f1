// Issue 24, "Also": /admin/rpc/sync reads only the project's folders (the project folder, --rpc-dir), never any
// path on the machine: the server may run as root.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime()
})
afterAll(async () => {
  await rt?.stop()
})

describe('/admin/rpc/sync', () => {
  it('refuses a folder outside the project with a 403 naming the allowed folders', async () => {
    const res = await rt.api('/api/v1/admin/rpc/sync', { method: 'POST', body: JSON.stringify({ dir: '/etc' }) })
    expect(res.status).toBe(403)
    expect((await res.json()).error).toMatch(/outside the project's folders/)
    const escape = await rt.api('/api/v1/admin/rpc/sync', { method: 'POST', body: JSON.stringify({ dir: '../..' }) })
    expect(escape.status).toBe(403)
  })

  it('syncs a folder inside the project', async () => {
    fs.mkdirSync(path.join(rt.ctx.config.projectDir, 'procedures'), { recursive: true })
    const res = await rt.api('/api/v1/admin/rpc/sync', { method: 'POST', body: JSON.stringify({ dir: 'procedures' }) })
    expect(res.status).toBe(200)
  })
})
