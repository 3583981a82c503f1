// test/integration/auth/auth-client.ts — requests exactly as @fluxbase/sdk sends them (Content-Type: application/json
// on every call, apikey header, Authorization: Bearer <anon key | access token>), for the auth integration tests.
import { expect } from 'vitest'
import type { TestRuntime } from '../../helpers/runtime.js'

export const PASSWORD = 'correct horse battery staple'

/** A session response; on failure the same reply carries the contract's error fields instead. */
export interface Session {
  user: { id: string; email: string; [k: string]: unknown }
  access_token: string
  refresh_token: string
  expires_in: number
  [k: string]: unknown
}

export interface Reply<T = Record<string, unknown>> {
  status: number
  body: T
  headers: Headers
}

export function sdk(rt: TestRuntime) {
  async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string, extra: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(rt.info.apiUrl + path, {
      method,
      headers: { 'Content-Type': 'application/json', apikey: rt.info.anonKey, Authorization: `Bearer ${token ?? rt.info.anonKey}`, ...extra },
      // The SDK's fetch: `body: options.body ? JSON.stringify(options.body) : undefined`.
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T, headers: res.headers }
  }
  return {
    call,
    signUp: (email: string, password = PASSWORD, extra: Record<string, unknown> = {}) => call<Session>('POST', '/api/v1/auth/signup', { email, password, ...extra }),
    signIn: (email: string, password = PASSWORD) => call<Session>('POST', '/api/v1/auth/signin', { email, password }),
    refresh: (refresh_token: string, bearer?: string) => call<Session>('POST', '/api/v1/auth/refresh', { refresh_token }, bearer),
    signOut: (token: string, query = '') => call('POST', `/api/v1/auth/signout${query}`, undefined, token),
    getUser: (token: string) => call('GET', '/api/v1/auth/user', undefined, token),
    updateUser: (token: string, patch: Record<string, unknown>) => call('PATCH', '/api/v1/auth/user', patch, token),
  }
}

/** Signs up a fresh user and returns its session. */
export async function newUser(rt: TestRuntime, email: string, password = PASSWORD): Promise<Session> {
  const r = await sdk(rt).signUp(email, password)
  if (r.status !== 201) throw new Error(`sign-up of ${email} failed: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

export function studio(rt: TestRuntime) {
  return async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token = rt.info.studioToken): Promise<Reply<T>> {
    const res = await fetch(rt.info.apiUrl + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T, headers: res.headers }
  }
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>
}

/** The contract's 401 body: the SDK reads `error`, and refreshes on the status. */
export function expectInvalidToken(r: Reply): void {
  expect(r.status).toBe(401)
  expect(r.body).toMatchObject({ error: 'Invalid or expired Bearer token', code: 'INVALID_TOKEN', message: 'Invalid or expired Bearer token' })
  expect(typeof (r.body as { request_id?: unknown }).request_id).toBe('string')
}
