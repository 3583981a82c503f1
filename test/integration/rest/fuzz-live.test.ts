// Fuzz test against the live API: thousands of random and hostile query strings, headers and bodies. No 5xx, no
// crash, every error in the contract's JSON shape without a stack — and PostgreSQL's own statement log
// (log_statement = all, joined to requests by their id) shows nothing but the identity set-up and the statements
// the planner built for that very request.
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { FIXTURES } from './scenario.js'
import { fuzzArbitraries } from '../../unit/rest/fuzz-arbitraries.js'
import { schemaStoreFor, type SchemaStore } from '../../../electron/server/rest/schema/schema-store.js'
import { planRequest, type RestMethod } from '../../../electron/server/rest/plan/plan-request.js'
import { findRelation } from '../../../electron/server/rest/plan/resolve-names.js'
import { plannedStatements } from '../../../electron/server/rest/sql/planned-statements.js'
import { IDENTITY_SETUP_GENERIC_SQL, IDENTITY_SETUP_SQL } from '../../../electron/server/postgres/with-identity.js'
import type { LogEntry } from '../../../electron/server/logs/log-entry.js'

let rt: TestRuntime
let store: SchemaStore
let alice: string
const logged = new Map<string, string[]>()
const expected = new Map<string, Set<string>>()
const described = new Map<string, string>()
// The identity set-up comes in two spellings: with or without the generic plans of postgres/plan-reuse.ts.
const ALWAYS_ALLOWED = new Set([IDENTITY_SETUP_SQL, IDENTITY_SETUP_GENERIC_SQL, 'BEGIN', 'COMMIT', 'ROLLBACK'])

beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(fs.readFileSync(path.join(FIXTURES, 'conformance.sql'), 'utf8'))
  await rt.admin.query("ALTER SYSTEM SET log_statement = 'all'")
  await rt.admin.query('SELECT pg_reload_conf()')
  store = await schemaStoreFor(rt.ctx)
  await store.reload()
  alice = await rt.signToken({ sub: '00000000-0000-4000-8000-00000000000a', role: 'authenticated' })
  rt.ctx.logs.subscribe((entry: LogEntry) => {
    if (entry.category !== 'postgres' || !entry.request_id?.startsWith('fz')) return
    const m = /^LOG:\s+(?:execute [^:]+|statement):\s([\s\S]*)$/.exec(entry.message)
    if (!m) return
    const list = logged.get(entry.request_id) ?? []
    list.push(m[1].trim())
    logged.set(entry.request_id, list)
  })
})
afterAll(async () => {
  await rt?.admin.query('ALTER SYSTEM RESET log_statement').catch(() => undefined)
  await rt?.stop()
})

const TABLES = ['posts', 'authors', 'comments', 'items', 'published_posts', 'author_stats', 'secrets', 'employees']

describe('fuzz: the live API', () => {
  it('answers thousands of hostile requests with 2xx/4xx, and runs only the planned statements', async () => {
    const cache0 = store.current()
    const columns = [...new Set(TABLES.flatMap((t) => findRelation(cache0, 'public', t)?.columns.map((c) => c.name) ?? []))]
    const { queryString, value, hostile } = fuzzArbitraries(columns, ['comments', 'authors', 'tags', 'posts'])
    const table = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...TABLES) }, { weight: 1, arbitrary: hostile.map(encodeURIComponent) })
    const method = fc.constantFrom<RestMethod>('GET', 'GET', 'GET', 'HEAD', 'POST', 'PATCH', 'DELETE')
    const body = fc.oneof(fc.constant(undefined), value, fc.dictionary(fc.constantFrom(...columns, "x'--"), value, { maxKeys: 3 }), fc.array(fc.dictionary(fc.constantFrom(...columns), value, { maxKeys: 2 }), { maxLength: 3 }))
    const headers = fc.record({
      prefer: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom('return=minimal', 'return=representation', 'resolution=merge-duplicates', 'count=exact', 'count=planned', 'count=estimated', "return='; DROP", 'tx=rollback') }),
      accept: fc.option(fc.constantFrom('application/vnd.pgrst.object+json', 'application/json', '*/*'), { nil: undefined }),
      profile: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('public', 'inventory', 'pg_catalog', "x'y") }),
    })
    let n = 0
    let statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(table, method, queryString, body, headers, fc.boolean(), async (t, m, qs, b, h, asService) => {
        const id = `fz${n++}`
        const h2: Record<string, string> = { 'X-Request-ID': id }
        if (h.prefer) h2.Prefer = h.prefer
        if (h.accept) h2.Accept = h.accept
        if (h.profile) h2[m === 'GET' || m === 'HEAD' ? 'Accept-Profile' : 'Content-Profile'] = h.profile
        const sendsBody = m !== 'GET' && m !== 'HEAD' && b !== undefined
        const res = await rt.api(`/api/v1/tables/${t}${qs ? `?${qs}` : ''}`, { method: m, token: asService ? rt.info.serviceRoleKey : alice, headers: h2, body: sendsBody ? JSON.stringify(b) : undefined })
        const text = await res.text()
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        expect(res.status, `${m} ${t}?${qs} → ${text.slice(0, 300)}`).toBeLessThan(500)
        if (res.status >= 400 && m !== 'HEAD') {
          const err = JSON.parse(text) as { error?: unknown; request_id?: unknown }
          expect(typeof err.error).toBe('string')
          expect(err.request_id).toBe(id)
          expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/)
        }
        // What the planner builds for this request, from the same schema cache (an error: nothing may run).
        const allowed = new Set<string>()
        const schema = h.profile && /^(public|inventory|pg_catalog|x'y)$/.test(h.profile) ? h.profile : 'public'
        const rel = findRelation(store.current(), schema, decodeURIComponent(t))
        if (rel) {
          try {
            // fetch never sends a URL's #fragment: plan from what reaches the server.
            const planned = planRequest(store.current(), { method: m, relation: rel, queryFallback: false, query: qs.split('#')[0], prefer: h.prefer, body: sendsBody ? b : undefined }, { maxPageSize: 1000 })
            for (const sql of plannedStatements(planned.plan)) allowed.add(sql.text)
          } catch {
            // refused before any statement
          }
        }
        expected.set(id, allowed)
        described.set(id, `${m} /api/v1/tables/${t}?${qs} headers=${JSON.stringify(h2)} body=${sendsBody ? JSON.stringify(b)?.slice(0, 200) : '-'} → ${res.status} ${text.slice(0, 200)}`)
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    )
    // PostgreSQL's log lines arrive through its stderr: give them a moment.
    await new Promise((r) => setTimeout(r, 1500))
    let checked = 0
    for (const [id, statements] of logged) {
      const allowed = expected.get(id)
      expect(allowed, `statements logged for unknown request ${id}`).toBeDefined()
      for (const s of statements) {
        if (ALWAYS_ALLOWED.has(s)) continue
        expect(allowed!.has(s), `request ${id} ran a statement the planner did not build:\n${s}\nrequest: ${described.get(id)}\nplanned: ${[...allowed!].join('\n')}`).toBe(true)
        checked++
      }
    }
    statuses = new Map([...statuses].sort((a, b) => a[0] - b[0]))
    const planned = [...expected.values()].filter((s) => s.size > 0).length
    console.log(`fuzz: ${n} requests (${planned} planned), statuses ${[...statuses].map(([s, c]) => `${s}×${c}`).join(' ')}, ${checked} logged statements checked from ${logged.size} requests`)
    // The log really was on: planned requests were seen executing.
    expect(checked).toBeGreaterThan(planned / 4)
  }, 600_000)
})
