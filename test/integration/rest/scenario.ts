// test/integration/rest/scenario.ts — API tests as scenario tables (design.md): who asks, what, and what must come
// back. Shared by the REST conformance, RLS-pattern and RPC tests.
import path from 'node:path'
import { expect } from 'vitest'
import type { TestRuntime } from '../../helpers/runtime.js'

export const USERS = {
  alice: '00000000-0000-4000-8000-00000000000a',
  bob: '00000000-0000-4000-8000-00000000000b',
  carol: '00000000-0000-4000-8000-00000000000c',
  dave: '00000000-0000-4000-8000-00000000000d',
} as const

export type Who<U extends Record<string, string> = typeof USERS> = (keyof U & string) | 'anon' | 'service'

export interface Expect {
  status: number
  /** Compares `body.map(r => r[field])`, sorted, for array bodies. */
  field?: string
  values?: unknown[]
  /** Same, in order. */
  ordered?: unknown[]
  body?: unknown
  match?: unknown
  /** On the error message (`error`) and hint. */
  error?: RegExp
  hint?: RegExp
  headers?: Record<string, string | RegExp>
  /** A superuser query run afterwards and its expected rows. */
  db?: { sql: string; rows: unknown[] }
}

export interface Scenario<W extends string = Who> {
  name: string
  as: W
  method?: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  body?: unknown
  headers?: Record<string, string>
  expect: Expect
}

/** Tokens for the anon and service keys, and for each of `users` (by default this file's USERS) by name. */
export function tokens<U extends Record<string, string>>(rt: TestRuntime, users: U): (who: Who<U>) => Promise<string>
export function tokens(rt: TestRuntime): (who: Who) => Promise<string>
export function tokens(rt: TestRuntime, users: Record<string, string> = USERS): (who: string) => Promise<string> {
  const cache = new Map<string, string>()
  return async (who) => {
    if (who === 'anon') return rt.info.anonKey
    if (who === 'service') return rt.info.serviceRoleKey
    let t = cache.get(who)
    if (!t) {
      t = await rt.signToken({ sub: users[who], role: 'authenticated', email: `${who}@example.com` })
      cache.set(who, t)
    }
    return t
  }
}

export async function runScenario<W extends string>(rt: TestRuntime, token: (who: W) => Promise<string>, s: Scenario<W>): Promise<void> {
  const res = await rt.api(s.path, {
    method: s.method ?? 'GET',
    token: await token(s.as),
    body: s.body === undefined ? undefined : JSON.stringify(s.body),
    headers: s.headers,
  })
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: compared as text
  }
  const e = s.expect
  expect({ status: res.status, body }).toMatchObject({ status: e.status })
  if (e.values) {
    expect(Array.isArray(body), `array body expected, got ${text.slice(0, 200)}`).toBe(true)
    expect((body as Array<Record<string, unknown>>).map((r) => r[e.field ?? 'title']).sort()).toEqual([...e.values].sort())
  }
  if (e.ordered) expect((body as Array<Record<string, unknown>>).map((r) => r[e.field ?? 'title'])).toEqual(e.ordered)
  if ('body' in e) expect(body).toEqual(e.body)
  if (e.match !== undefined) expect(body).toMatchObject(e.match as object)
  if (e.error) expect((body as { error?: string })?.error ?? '').toMatch(e.error)
  if (e.hint) expect((body as { hint?: string })?.hint ?? '').toMatch(e.hint)
  for (const [name, want] of Object.entries(e.headers ?? {})) {
    const got = res.headers.get(name) ?? ''
    if (want instanceof RegExp) expect(got).toMatch(want)
    else expect(got).toBe(want)
  }
  if (e.db) expect((await rt.admin.query(e.db.sql)).rows).toEqual(e.db.rows)
}

export const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures')
