// test/unit/renderer/studio-connection.test.ts — api/ is a leaf given its connection: the store hands it the token,
// the identity and the service-role key once (store/index.ts), and every call reads them through those getters.
// Calls go to a real local HTTP server that echoes what it received, so the base URL and headers are seen on the wire.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StudioStatus } from '../../../contract/studio-status'
import { studioStore } from '../../../renderer/src/store'
import { SERVICE_ROLE_IDENTITY } from '../../../renderer/src/store/identity-slice'
import { configureStudioApi } from '../../../renderer/src/api/studio-connection'
import { restCall, studioCall, StudioApiError } from '../../../renderer/src/api/studio-api'

type Echo = { url: string; authorization?: string; identity?: string }

let server: Server

beforeAll(async () => {
  server = createServer((req, res) => {
    const echo: Echo = { url: req.url ?? '', authorization: req.headers.authorization, identity: req.headers['x-studio-identity'] as string | undefined }
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify(echo))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  configureStudioApi({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
})

afterAll(async () => {
  configureStudioApi({ baseUrl: '' })
  await new Promise((resolve) => server.close(resolve))
})

const STATUS = { serviceRoleKey: 'service-key', dataDir: '/tmp/x' } as unknown as StudioStatus

describe('api/ connection given by the store', () => {
  it('refuses a studio call before any token is known, with words saying where the token comes from', async () => {
    studioStore.getState().tokenResolved(null)
    await expect(studioCall('/studio/api/x')).rejects.toThrow(/No studio token/)
    await expect(studioCall('/studio/api/x')).rejects.toBeInstanceOf(StudioApiError)
  })

  it('sends the store’s studio token to the configured base URL, and the identity only when asked', async () => {
    studioStore.getState().tokenResolved('studio-token')
    studioStore.getState().setIdentity({ kind: 'user', label: 'alice', accessToken: 'alice-token' })
    expect(await studioCall<Echo>('/studio/api/meta/tables')).toEqual({ url: '/studio/api/meta/tables', authorization: 'Bearer studio-token', identity: 'alice-token' })
    expect(await studioCall<Echo>('/studio/api/sql/help', { asIdentity: false })).toMatchObject({ authorization: 'Bearer studio-token' })
    expect((await studioCall<Echo>('/studio/api/sql/help', { asIdentity: false })).identity).toBeUndefined()
  })

  it('sends the app-facing API the identity’s token, else the service-role key, following the store as it changes', async () => {
    studioStore.getState().statusReceived(STATUS, Date.now())
    expect((await restCall<Echo>('/api/v1/tables/posts')).data.authorization).toBe('Bearer alice-token')
    studioStore.getState().setIdentity(SERVICE_ROLE_IDENTITY)
    expect((await restCall<Echo>('/api/v1/tables/posts')).data.authorization).toBe('Bearer service-key')
  })
})
