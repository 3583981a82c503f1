// The log viewer's two friction fixes against a real runtime: a failed request's log line keeps the error the app
// received (code, message, hint; the reason for a 401), and the studio's own traffic (its requests and the SQL they
// ran, marked by a `studio-` request id) can be hidden with ?hide_studio=true.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query('CREATE TABLE public.todos (id serial PRIMARY KEY, title text)')
  await rt.admin.query('GRANT SELECT ON public.todos TO anon, authenticated')
})
afterAll(async () => rt?.stop())

const studio = (p: string, init: RequestInit = {}) =>
  fetch(`${rt.info.apiUrl}${p}`, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${rt.info.studioToken}` } })

interface Entry { message: string; request_id?: string; category: string; fields?: { error?: { code?: string; message?: string; hint?: string }; status_code?: number } }

async function linesOf(requestId: string, extra = ''): Promise<Entry[]> {
  // The line is written when the response has gone: poll briefly.
  for (let i = 0; i < 50; i++) {
    const res = await (await studio(`/studio/api/logs?request_id=${encodeURIComponent(requestId)}${extra}`)).json()
    if (res.entries.length || extra) return res.entries
    await new Promise((r) => setTimeout(r, 50))
  }
  return []
}

describe('a failed request keeps the error the app received', () => {
  it('a mistyped table: the code, the message and the suggestion', async () => {
    const res = await fetch(`${rt.info.apiUrl}/api/v1/tables/public/todo`, { headers: { apikey: rt.info.anonKey, Authorization: `Bearer ${rt.info.anonKey}`, 'X-Request-ID': 'typo-1' } })
    expect(res.status).toBe(404)
    const body = await res.json()
    const [line] = await linesOf('typo-1')
    expect(line.fields?.status_code).toBe(404)
    expect(line.fields?.error?.code).toBe(body.code)
    expect(line.fields?.error?.message).toBe(body.message)
    expect(`${line.fields?.error?.message} ${line.fields?.error?.hint ?? ''}`).toContain('todos')
    expect(line.message).toContain(body.code)
  })

  it('a 401 says why', async () => {
    const res = await fetch(`${rt.info.apiUrl}/api/v1/tables/public/todos`, { headers: { Authorization: 'Bearer not-a-token', 'X-Request-ID': 'why-401' } })
    expect(res.status).toBe(401)
    const [line] = await linesOf('why-401')
    expect(line.fields?.error?.message).toBeTruthy()
    expect(line.message).toMatch(/→ 401 \(\d+ms\): /)
  })

  it('a success has no error field', async () => {
    const res = await fetch(`${rt.info.apiUrl}/api/v1/tables/public/todos`, { headers: { apikey: rt.info.anonKey, Authorization: `Bearer ${rt.info.anonKey}`, 'X-Request-ID': 'fine-1' } })
    expect(res.status).toBe(200)
    const [line] = await linesOf('fine-1')
    expect(line.fields?.error).toBeUndefined()
  })
})

describe("the studio's own traffic", () => {
  it('gets a studio- request id, and hide_studio leaves it out', async () => {
    const res = await studio('/studio/api/logs/stats')
    const id = res.headers.get('x-request-id') ?? ''
    expect(id).toMatch(/^studio-/)
    expect((await linesOf(id)).map((e) => e.category)).toEqual(['studio'])
    expect(await linesOf(id, '&hide_studio=true')).toEqual([])
  })

  it("an app's requests stay when the studio's are hidden", async () => {
    await fetch(`${rt.info.apiUrl}/api/v1/tables/public/todos`, { headers: { apikey: rt.info.anonKey, Authorization: `Bearer ${rt.info.anonKey}`, 'X-Request-ID': 'app-kept' } })
    await linesOf('app-kept')
    const all = await (await studio('/studio/api/logs?hide_studio=true&limit=1000')).json()
    expect(all.entries.some((e: Entry) => e.request_id === 'app-kept')).toBe(true)
    expect(all.entries.some((e: Entry) => e.category === 'studio' || e.request_id?.startsWith('studio-'))).toBe(false)
  })
})
