// A sign-up / sign-in / refresh / sign-out cycle sent with plain fetch exactly as @fluxbase/sdk sends it:
// Content-Type: application/json on every request (also bodiless ones), apikey: <anon key>, and
// Authorization: Bearer <anon key> until a session exists, then Bearer <access token>; back to the anon key after
// signOut. Responses are read the SDK's way: JSON only when content-type says so, `error` on failure.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
})
afterAll(async () => rt?.stop())

/** A minimal copy of the SDK's FluxbaseFetch + FluxbaseAuth session handling. */
class SdkLike {
  private headers: Record<string, string>
  session: { access_token: string; refresh_token: string; expires_in: number; expires_at: number; user?: unknown } | null = null
  constructor(
    private base: string,
    anonKey: string,
  ) {
    this.headers = { 'Content-Type': 'application/json', apikey: anonKey, Authorization: `Bearer ${anonKey}` }
    this.anonKey = anonKey
  }
  private anonKey: string
  async request(method: string, path: string, body?: unknown): Promise<{ status: number; data: unknown }> {
    const res = await fetch(this.base + path, { method, headers: { ...this.headers }, body: body ? JSON.stringify(body) : undefined })
    const data = res.headers.get('content-type')?.includes('application/json') ? await res.json() : await res.text()
    if (!res.ok) {
      const err = Object.assign(new Error(typeof data === 'object' && data && 'error' in data ? String((data as { error: unknown }).error) : res.statusText), { status: res.status, details: data })
      throw err
    }
    return { status: res.status, data }
  }
  private setSession(r: { access_token: string; refresh_token: string; expires_in: number }) {
    this.session = { ...this.session, ...r, expires_at: Date.now() + r.expires_in * 1000 }
    this.headers.Authorization = `Bearer ${r.access_token}`
  }
  async signUp(email: string, password: string) {
    const { data } = await this.request('POST', '/api/v1/auth/signup', { email, password })
    this.setSession(data as never)
    return data
  }
  async signIn(email: string, password: string) {
    const { data } = await this.request('POST', '/api/v1/auth/signin', { email, password })
    this.setSession(data as never)
    return data
  }
  async refreshSession() {
    const { data } = await this.request('POST', '/api/v1/auth/refresh', { refresh_token: this.session!.refresh_token })
    this.setSession(data as never)
    return data
  }
  async getCurrentUser() {
    return (await this.request('GET', '/api/v1/auth/user')).data
  }
  async signOut() {
    try {
      await this.request('POST', '/api/v1/auth/signout')
    } finally {
      this.session = null
      // The SDK sets Authorization back to the anon key (contract §0).
      this.headers.Authorization = `Bearer ${this.anonKey}`
    }
  }
}

it('sign-up → sign-out → sign-in → user → refresh → user → sign-out, as the SDK does it', async () => {
  const client = new SdkLike(rt.info.apiUrl, rt.info.anonKey)
  const signedUp = (await client.signUp('cycle@example.com', 'correct horse battery staple')) as { user: { id: string } }
  expect(signedUp.user.id).toBeTruthy()
  await client.signOut()

  const signedIn = (await client.signIn('cycle@example.com', 'correct horse battery staple')) as { user: { id: string }; expires_in: number }
  expect(signedIn.user.id).toBe(signedUp.user.id)
  expect(client.session!.expires_at).toBeGreaterThan(Date.now() + 14 * 60_000)
  const firstAccess = client.session!.access_token
  const firstRefresh = client.session!.refresh_token

  expect(await client.getCurrentUser()).toMatchObject({ id: signedUp.user.id, email: 'cycle@example.com' })

  const refreshed = (await client.refreshSession()) as Record<string, unknown>
  expect(refreshed).not.toHaveProperty('user')
  expect(client.session!.access_token).not.toBe(firstAccess)
  expect(client.session!.refresh_token).not.toBe(firstRefresh)
  expect(await client.getCurrentUser()).toMatchObject({ id: signedUp.user.id })

  const lastAccess = client.session!.access_token
  const lastRefresh = client.session!.refresh_token
  await client.signOut()

  // After signOut both the old access token and the latest refresh token are dead; the anon key still works.
  for (const token of [firstAccess, lastAccess]) {
    const r = await fetch(`${rt.info.apiUrl}/api/v1/auth/user`, { headers: { 'Content-Type': 'application/json', apikey: rt.info.anonKey, Authorization: `Bearer ${token}` } })
    expect(r.status).toBe(401)
    expect(r.headers.get('content-type')).toContain('application/json')
    expect((await r.json()).error).toBe('Invalid or expired Bearer token')
  }
  const r = await fetch(`${rt.info.apiUrl}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', apikey: rt.info.anonKey, Authorization: `Bearer ${rt.info.anonKey}` },
    body: JSON.stringify({ refresh_token: lastRefresh }),
  })
  expect(r.status).toBe(401)
  const config = await client.request('GET', '/api/v1/auth/config')
  expect(config.status).toBe(200)
})

it('errors reach the SDK as Error(body.error) with the status', async () => {
  const client = new SdkLike(rt.info.apiUrl, rt.info.anonKey)
  await expect(client.signIn('cycle@example.com', 'not the password!')).rejects.toMatchObject({ message: 'Invalid email or password', status: 401 })
  await expect(client.signUp('cycle2@example.com', 'short')).rejects.toMatchObject({ message: 'invalid password: password must be at least 12 characters', status: 400 })
})

it('CORS lets a browser app send the SDK headers', async () => {
  const r = await fetch(`${rt.info.apiUrl}/api/v1/auth/signin`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,apikey,content-type' },
  })
  expect(r.status).toBeLessThan(300)
  expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  expect((r.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('apikey')
})
