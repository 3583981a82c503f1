// --database-url: the runtime on an existing PostgreSQL server (here: another runtime's embedded one). No embedded
// cluster is made; bootstrap is idempotent; two runtimes sharing one server agree on the API role's password.
import { afterAll, beforeAll, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { withIdentity } from '../../../electron/server/postgres/with-identity.js'
import { identityFromClaims } from '../../../electron/server/identity.js'

let host: TestRuntime
let guest: TestRuntime

beforeAll(async () => {
  host = await startTestRuntime()
  guest = await startTestRuntime({ databaseUrl: host.info.databaseUrl })
})
afterAll(async () => {
  await guest?.stop()
  await host?.stop()
})

it('serves from the external server without making a cluster of its own', async () => {
  expect(fs.existsSync(path.join(guest.info.dataDir, 'pgdata'))).toBe(false)
  expect(guest.info.databaseUrl).toBe(host.info.databaseUrl)
  expect((await fetch(`${guest.info.apiUrl}/health`)).status).toBe(200)
})

it('runs requests as the shared API role from both runtimes (the password was not changed under the first)', async () => {
  const anon = identityFromClaims({ role: 'anon' })
  // Fresh connections from both pools, after the guest's bootstrap ran.
  const clients = await Promise.all([host.ctx.pools.api.connect(), guest.ctx.pools.api.connect()])
  for (const c of clients) c.release(true)
  for (const rt of [host, guest]) {
    const role = await withIdentity(rt.ctx.pools.api, anon, async (c) => (await c.query('SELECT current_user AS u')).rows[0].u)
    expect(role).toBe('anon')
  }
})

it('refuses an unreachable server with one clear line', async () => {
  const { createStudioRuntime } = await import('../../../electron/server/runtime.js')
  const { tempDataDir } = await import('../../helpers/runtime.js')
  const rt = createStudioRuntime({ dataDir: tempDataDir(), port: 0, databaseUrl: 'postgres://postgres:x@127.0.0.1:1/postgres' })
  await expect(rt.start()).rejects.toThrow(/could not prepare the database: .*ECONNREFUSED/)
})
