// Issue 24, defect 5's GET half: a 20,000-long `not.` chain in a GET's query string reaches the filter parser and is
// refused at its depth limit (it got Node's bare 431), and a URL or header past the server's limit gets a 431 in the
// contract's error shape that names the limit, for any route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query('CREATE TABLE public.items (id int PRIMARY KEY); GRANT SELECT ON public.items TO anon, authenticated; INSERT INTO public.items VALUES (1), (2);')
})
afterAll(async () => {
  await rt?.stop()
})

describe('long URLs', () => {
  it('a 20,000-long not. chain in a GET is refused by the filter parser at its depth limit', async () => {
    const res = await rt.api(`/api/v1/tables/items?or=(${'not.'.repeat(20_000)}id.eq.1)`)
    const body = await res.json()
    expect({ status: res.status, error: body.error }).toEqual({ status: 400, error: expect.stringMatching(/nested deeper than 32 levels/) })
  })

  it('a column filter with as long a chain is a plain (even) negation, read in one pass', async () => {
    const res = await rt.api(`/api/v1/tables/items?select=id&id=${'not.'.repeat(20_000)}eq.1`)
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: [{ id: 1 }] })
  })

  it('a URL past the limit gets a 431 with a JSON body naming the limit and the way around it', async () => {
    for (const path of [`/api/v1/tables/items?id=in.(${'1,'.repeat(100_000)}1)`, `/api/v1/storage/b/${'k'.repeat(200_000)}`]) {
      const res = await rt.api(path)
      expect(res.status).toBe(431)
      expect(res.headers.get('content-type')).toMatch(/application\/json/)
      const body = await res.json()
      expect(body.code).toBe('REQUEST_HEADER_TOO_LARGE')
      expect(body.error).toMatch(/at most 128 KiB \(131072 bytes\)/)
      expect(body.hint).toMatch(/POST \/api\/v1\/tables\/\{table\}\/query/)
    }
    // The server is still there for the next client.
    expect((await fetch(`${rt.info.apiUrl}/health`)).status).toBe(200)
  })
})
