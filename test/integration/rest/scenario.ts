// test/integration/rest/scenario.ts — API tests as scenario tables (design.md): who asks, what, and what must come
// back. Shared by the REST conformance, RLS-pattern and RPC tests.
import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import type pg from 'pg'
import type { TestRuntime } from '../../helpers/runtime.js'
import { schemaStoreFor } from '../../../electron/server/rest/schema/schema-store.js'

export const USERS = {
  alice: '00000000-0000-4000-8000-00000000000a',
  bob: '00000000-0000-4000-8000-00000000000b',
  carol: '00000000-0000-4000-8000-00000000000c',
  dave: '00000000-0000-4000-8000-00000000000d',
} as const

export type Who = keyof typeof USERS | 'anon' | 'service'

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

export interface Scenario {
  name: string
  as: Who
  method?: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  body?: unknown
  headers?: Record<string, string>
  expect: Expect
}

export function tokens(rt: TestRuntime): (who: Who) => Promise<string> {
  const cache = new Map<Who, string>()
  return async (who) => {
    if (who === 'anon') return rt.info.anonKey
    if (who === 'service') return rt.info.serviceRoleKey
    let t = cache.get(who)
    if (!t) {
      t = await rt.signToken({ sub: USERS[who], role: 'authenticated', email: `${who}@example.com` })
      cache.set(who, t)
    }
    return t
  }
}

export async function runScenario(rt: TestRuntime, token: (who: Who) => Promise<string>, s: Scenario): Promise<void> {
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

/** Drops whatever the fixtures put in `public` since `baseline`, loads a fixture file, reloads the schema cache. */
export async function loadFixture(rt: TestRuntime, file: string, baseline: Baseline): Promise<void> {
  await resetPublic(rt.admin, baseline)
  await rt.admin.query(fs.readFileSync(file, 'utf8'))
  await (await schemaStoreFor(rt.ctx)).reload()
}

export interface Baseline {
  relations: Set<string>
  functions: Set<string>
}

export async function publicBaseline(admin: pg.Pool): Promise<Baseline> {
  const rels = await admin.query<{ n: string }>("SELECT c.relname AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public'")
  const fns = await admin.query<{ n: string }>("SELECT p.oid::regprocedure::text AS n FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace WHERE s.nspname = 'public'")
  return { relations: new Set(rels.rows.map((r) => r.n)), functions: new Set(fns.rows.map((r) => r.n)) }
}

async function resetPublic(admin: pg.Pool, baseline: Baseline): Promise<void> {
  const now = await publicBaseline(admin)
  const { rows } = await admin.query<{ n: string; k: string }>(
    "SELECT c.relname AS n, c.relkind AS k FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind IN ('r','v','m','p','f')")
  const statements: string[] = []
  for (const r of rows) {
    if (baseline.relations.has(r.n)) continue
    const kind = r.k === 'v' ? 'VIEW' : r.k === 'm' ? 'MATERIALIZED VIEW' : r.k === 'f' ? 'FOREIGN TABLE' : 'TABLE'
    statements.push(`DROP ${kind} IF EXISTS public."${r.n.replace(/"/g, '""')}" CASCADE`)
  }
  for (const f of now.functions) if (!baseline.functions.has(f)) statements.push(`DROP FUNCTION IF EXISTS ${f} CASCADE`)
  for (const s of statements) await admin.query(s)
}

export const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures')
