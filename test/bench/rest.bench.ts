// test/bench/rest.bench.ts — `npm run bench -- rest`: the REST API against the same SQL sent straight through pg.
// A 100,000-row table with an RLS policy and the index it needs; 16 concurrent workers; for (a) GET by primary key,
// (b) a filtered, ordered page of 20, (c) a single-row insert and (d) a 1,000-row bulk insert: req/s, p50 and p99.
// The runtime runs in its own process (as `npm run serve` would); the load generator is wrk when installed (else a
// minimal Node client here); the pg baseline runs here.
// Baseline: the statement the API itself builds for the request (same text, same values), in a transaction with
// the same set-up (role, claims), the usual node-pg way: BEGIN; set-up; statement; COMMIT, prepared statements.
// Each workload runs 3 rounds (BENCH_ROUNDS), API and baseline alternating; each figure is the median of its rounds.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { signJwt, secretKey } from '../../electron/server/auth/jwt.js'
import { identityFromClaims, type Identity } from '../../electron/server/identity.js'
import { IDENTITY_SETUP_SQL, identitySetupValues, queryAsIdentity } from '../../electron/server/postgres/with-identity.js'
import { loadSchema } from '../../electron/server/rest/schema/load-schema.js'
import { parseQueryString } from '../../electron/server/rest/request/parse-query-string.js'
import { planRead } from '../../electron/server/rest/plan/plan-read.js'
import { planInsert } from '../../electron/server/rest/plan/plan-write.js'
import { requireRelation } from '../../electron/server/rest/plan/resolve-names.js'
import { buildRead } from '../../electron/server/rest/sql/build-read.js'
import { buildWrite } from '../../electron/server/rest/sql/build-write.js'
import type { Sql } from '../../electron/server/rest/sql/sql-params.js'
import type { SchemaCache } from '../../electron/server/rest/schema/schema-types.js'
import { HttpConnection, runWorkers, type LoadResult } from './rest-load.js'
import { fmt, median, percentile } from './stats.js'
import { allPids, procStat } from './proc-stat.js'
import { wakeupRoundTripMicros } from './wakeup-probe.js'
import { runWrkLoad, wrkAvailable } from './wrk-load.js'
import { startRuntimeProcess } from './runtime-process.js'

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1.5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ROWS = 100_000
const OWNERS = 100
const owner = (k: number) => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`

interface Ready { apiUrl: string; jwtSecret: string; databaseUrl: string }

/** CPU seconds used so far by a process, in user space and in the kernel (Linux; 0 elsewhere). */
function cpuSeconds(pid: number): { user: number; kernel: number } {
  const stat = procStat(pid)
  return { user: stat?.user ?? 0, kernel: stat?.kernel ?? 0 }
}

/** CPU seconds used so far by every PostgreSQL process (the server and its backends). */
function postgresCpuSeconds(): number {
  let total = 0
  for (const pid of allPids()) {
    const stat = procStat(pid)
    if (stat?.name === 'postgres') total += stat.user + stat.kernel
  }
  return total
}

function startRuntime(dataDir: string): Promise<{ info: Ready; stop: () => Promise<void>; pid: number }> {
  return startRuntimeProcess<Ready>('rest', dataDir)
}

async function setUpTable(admin: pg.Pool): Promise<void> {
  await admin.query(`
    DROP TABLE IF EXISTS bench_items;
    CREATE TABLE bench_items (
      id bigserial PRIMARY KEY,
      owner_id uuid NOT NULL,
      title text NOT NULL,
      body text,
      score int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO bench_items (owner_id, title, body, score, created_at)
      SELECT ('00000000-0000-4000-8000-' || lpad((g % ${OWNERS})::text, 12, '0'))::uuid, 'item ' || g, repeat('lorem ipsum ', 6), (g / ${OWNERS}) % 100,
             now() - make_interval(secs => g)
      FROM generate_series(1, ${ROWS}) AS g;
    CREATE INDEX bench_items_owner_created ON bench_items (owner_id, created_at DESC);
    ALTER TABLE bench_items ENABLE ROW LEVEL SECURITY;
    CREATE POLICY bench_own ON bench_items FOR ALL TO authenticated USING (owner_id = auth.uid()) WITH CHECK (owner_id = auth.uid());
    GRANT SELECT, INSERT ON bench_items TO authenticated;
    GRANT USAGE ON SEQUENCE bench_items_id_seq TO authenticated;
  `)
  await admin.query('VACUUM ANALYZE bench_items')
}

/**
 * Waits until realtime's logical decoding has caught up with the WAL: bulk writes (the table set-up, the insert
 * workloads) leave it a backlog that it decodes on the runtime's event loop, which would bleed into the next run.
 */
async function waitForWalCatchUp(admin: pg.Pool, maxSeconds = 120): Promise<number> {
  const started = Date.now()
  for (;;) {
    const { rows } = await admin.query<{ lag: string | null }>(
      "SELECT max(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn))::int8::text AS lag FROM pg_replication_slots WHERE slot_type = 'logical' AND active")
    const lag = Number(rows[0]?.lag ?? 0)
    if (lag < 256 * 1024 || Date.now() - started > maxSeconds * 1000) return (Date.now() - started) / 1000
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Waits until the runtime answers its cheapest route quickly again (its event loop has drained its backlog). */
async function waitForIdleRuntime(conn: HttpConnection, maxSeconds = 120): Promise<void> {
  const started = Date.now()
  let fast = 0
  while (fast < 20 && Date.now() - started < maxSeconds * 1000) {
    const t0 = performance.now()
    await conn.request('GET', '/', {})
    fast = performance.now() - t0 < 5 ? fast + 1 : 0
    if (!fast) await new Promise((r) => setTimeout(r, 100))
  }
}

interface Workload {
  key: string
  title: string
  /** The request worker `w` sends next. */
  request(w: number): { method: 'GET' | 'POST'; path: string; body?: string }
  /** The same request as the API's own SQL (for the baseline). */
  sql(w: number, cache: SchemaCache): Sql
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = Date.now()
  await fn()
  return (Date.now() - t0) / 1000
}

const rand = (n: number) => Math.floor(Math.random() * n)
const itemRow = (w: number, i: number) => ({ owner_id: owner(w), title: `new ${i}`, body: 'bench', score: i % 100 })

function workloads(): Workload[] {
  const byIdPath = (w: number) => `/api/v1/tables/bench_items?id=eq.${w + OWNERS * (1 + rand(ROWS / OWNERS - 1))}`
  const pagePath = () => `/api/v1/tables/bench_items?select=id,title,score,created_at&score=gte.${10 + rand(40)}&order=created_at.desc&limit=20`
  const readSql = (p: string, cache: SchemaCache) => {
    const rel = requireRelation(cache, 'public', 'bench_items')
    return buildRead(planRead(cache, rel, parseQueryString(p.slice(p.indexOf('?') + 1)), { maxPageSize: 1000 }))
  }
  const insertSql = (body: unknown, cache: SchemaCache) => {
    const rel = requireRelation(cache, 'public', 'bench_items')
    return buildWrite(planInsert(cache, rel, parseQueryString(''), {}, body, { maxPageSize: 1000 }))
  }
  let counter = 0
  const bulk = (w: number) => Array.from({ length: 1000 }, (_, i) => itemRow(w, i))
  return [
    { key: 'a', title: 'GET by primary key', request: (w) => ({ method: 'GET', path: byIdPath(w) }), sql: (w, c) => readSql(byIdPath(w), c) },
    { key: 'b', title: 'filtered, ordered page of 20', request: () => ({ method: 'GET', path: pagePath() }), sql: (_w, c) => readSql(pagePath(), c) },
    { key: 'c', title: 'single-row insert', request: (w) => ({ method: 'POST', path: '/api/v1/tables/bench_items', body: JSON.stringify(itemRow(w, counter++)) }), sql: (w, c) => insertSql(itemRow(w, counter++), c) },
    { key: 'd', title: '1,000-row bulk insert', request: (w) => ({ method: 'POST', path: '/api/v1/tables/bench_items', body: JSON.stringify(bulk(w)) }), sql: (w, c) => insertSql(bulk(w), c) },
  ]
}

interface Summary { rps: number; p50: number; p99: number; errors: string; text: string }

const summaryText = (rps: number, p50: number, p99: number, errors: string) => `${fmt(rps, 0).padStart(6)} req/s  p50 ${fmt(p50)} ms  p99 ${fmt(p99)} ms${errors}`

function summary(r: LoadResult): Summary {
  const rps = r.requests / r.seconds
  const p50 = percentile(r.latenciesMs, 50)
  const p99 = percentile(r.latenciesMs, 99)
  const errors = r.errors ? `  errors ${r.errors} (${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(' ')})` : ''
  return { rps, p50, p99, errors, text: summaryText(rps, p50, p99, errors) }
}

/** Each figure's median over the rounds (errors of every round kept). */
function medianOf(rounds: Summary[]): Summary {
  const rps = median(rounds.map((r) => r.rps))
  const p50 = median(rounds.map((r) => r.p50))
  const p99 = median(rounds.map((r) => r.p99))
  const errors = rounds.map((r) => r.errors).join('')
  return { rps, p50, p99, errors, text: summaryText(rps, p50, p99, errors) }
}

/** One measured API run of a workload: through wrk when installed, else the built-in client (one per worker). */
async function loadApi(wl: Workload, url: URL, tokens: string[], connections: HttpConnection[], seconds = SECONDS, warmup = WARMUP): Promise<{ summary: Summary; allRequests: number; generatorCpuSeconds: number }> {
  const prepare = (w: number) => {
    const req = wl.request(w)
    const headers: Record<string, string> = { Authorization: `Bearer ${tokens[w]}` }
    if (req.body) headers['Content-Type'] = 'application/json'
    return { ...req, headers }
  }
  if (wrkAvailable()) {
    // Distinct requests replayed in turn, each worker's with its own token (its rows under RLS), as below.
    const count = wl.key === 'd' ? 4 * CONCURRENCY : 2000
    const r = await runWrkLoad(url, CONCURRENCY, seconds, warmup, Array.from({ length: count }, (_, i) => prepare(i % CONCURRENCY)))
    const rps = r.requests / r.seconds
    const errors = r.errors ? `  errors ${r.errors}` : ''
    return { summary: { rps, p50: r.p50, p99: r.p99, errors, text: summaryText(rps, r.p50, r.p99, errors) }, allRequests: r.allRequests, generatorCpuSeconds: r.cpuSeconds }
  }
  const cpu0 = process.cpuUsage()
  const run = await runWorkers(CONCURRENCY, seconds, warmup, async (w) => {
    const req = prepare(w)
    return (await connections[w].request(req.method, req.path, req.headers, req.body)).status
  })
  const cpu = process.cpuUsage(cpu0)
  return { summary: summary(run), allRequests: run.allRequests, generatorCpuSeconds: (cpu.user + cpu.system) / 1e6 }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-bench-rest-'))
  const runtime = await startRuntime(dataDir)
  const { info } = runtime
  const admin = new pg.Pool({ connectionString: info.databaseUrl, max: 4 })
  const baselinePool = new pg.Pool({ connectionString: info.databaseUrl, max: CONCURRENCY })
  const pipelinedPool = new pg.Pool({ connectionString: info.databaseUrl, max: CONCURRENCY })
  const connections: HttpConnection[] = []
  try {
    await setUpTable(admin)
    const secret = secretKey(info.jwtSecret)
    const tokens: string[] = []
    const identities: Identity[] = []
    for (let w = 0; w < CONCURRENCY; w++) {
      const claims = { sub: owner(w), role: 'authenticated', email: `bench${w}@example.com`, iss: 'fluxbase' }
      tokens.push(await signJwt(secret, claims, { expiresInSeconds: 3600 }))
      identities.push(identityFromClaims(claims))
    }
    // Let the runtime's schema cache see the new table, and warm up connections on both sides.
    const url = new URL(info.apiUrl)
    for (let w = 0; w < CONCURRENCY; w++) connections.push(new HttpConnection(url.hostname, Number(url.port)))
    for (let tries = 0; ; tries++) {
      const r = await connections[0].request('GET', '/api/v1/tables/bench_items?limit=1', { Authorization: `Bearer ${tokens[0]}` })
      if (r.status === 200) break
      if (tries > 50) throw new Error(`bench table not reachable: ${r.status} ${r.body.toString()}`)
      await new Promise((res) => setTimeout(res, 100))
    }
    const cache = await loadSchema(admin)
    const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => baselinePool.connect()))

    console.log(`rest bench: ${ROWS.toLocaleString('en')} rows, RLS policy owner_id = auth.uid() + index, concurrency ${CONCURRENCY}, ${ROUNDS} × ${SECONDS}s per run (+${WARMUP}s warm-up), ${os.cpus().length} cores`)
    console.log(`rest load generator: ${wrkAvailable() ? 'wrk (one thread)' : 'built-in Node client (install wrk for a lighter one)'}`)
    console.log(`rest machine: process-to-process round trip ${fmt(await wakeupRoundTripMicros(), 0)} µs (median), load average ${os.loadavg()[0].toFixed(2)}`)
    // The ceiling of the HTTP stack on this machine right now: the runtime's cheapest route, same load generator.
    await waitForWalCatchUp(admin)
    await waitForIdleRuntime(connections[0])
    const floorWorkload = { key: '-', title: 'GET /', request: () => ({ method: 'GET' as const, path: '/' }), sql: () => ({ text: '', values: [] }) }
    const floor = (await loadApi(floorWorkload, url, tokens, connections, Math.min(SECONDS, 3), 0.5)).summary
    console.log(`rest (-) GET / (no database, no auth)      api ${floor.text}   ← the HTTP stack's ceiling here`)
    const results: Record<string, { api: Summary; pg: Summary }> = {}
    const only = process.env.BENCH_ONLY
    for (const wl of workloads().filter((x) => !only || only.includes(x.key))) {
      const apiRounds: Summary[] = []
      const pgRounds: Summary[] = []
      const cpu = { user: 0, kernel: 0, postgres: 0, generator: 0, requests: 0 }
      // Rounds alternate API and baseline, so a slow spell of this shared VM weighs on both; medians reported.
      for (let round = 0; round < ROUNDS; round++) {
        const waited = (await waitForWalCatchUp(admin)) + (await timed(() => waitForIdleRuntime(connections[0])))
        if (waited > 1) console.log(`rest (${wl.key}) waited ${fmt(waited, 1)}s for realtime's WAL decoding to catch up before measuring`)
        const cpu0 = cpuSeconds(runtime.pid)
        const pgCpu0 = postgresCpuSeconds()
        const apiRun = await loadApi(wl, url, tokens, connections)
        const cpu1 = cpuSeconds(runtime.pid)
        cpu.user += cpu1.user - cpu0.user
        cpu.kernel += cpu1.kernel - cpu0.kernel
        cpu.postgres += postgresCpuSeconds() - pgCpu0
        cpu.generator += apiRun.generatorCpuSeconds
        cpu.requests += apiRun.allRequests
        apiRounds.push(apiRun.summary)
        await waitForWalCatchUp(admin)
        // BENCH_BASELINE=0: the API alone (e.g. under a profiler); ratios are then not printed.
        if (process.env.BENCH_BASELINE === '0') continue
        pgRounds.push(
          summary(
            await runWorkers(CONCURRENCY, SECONDS, WARMUP, async (w) => {
              const c = clients[w]
              const sql = wl.sql(w, cache)
              await c.query('BEGIN')
              await c.query({ name: 'bench_setup', text: IDENTITY_SETUP_SQL, values: identitySetupValues(identities[w]) })
              await c.query({ name: `bench_${wl.key}_${sql.text.length}`, text: sql.text, values: sql.values as unknown[] })
              await c.query('COMMIT')
              return 200
            }),
          ),
        )
      }
      const api = medianOf(apiRounds)
      const perRequest = (seconds: number) => fmt((seconds * 1e6) / Math.max(1, cpu.requests), 0)
      const rounds = (list: Summary[]) => (list.length > 1 ? `   (median of ${list.length} rounds; p99 by round ${list.map((x) => fmt(x.p99)).join(' / ')} ms)` : '')
      console.log(`rest (${wl.key}) ${wl.title.padEnd(30)} api ${api.text}${rounds(apiRounds)}`)
      if (pgRounds.length) {
        await waitForWalCatchUp(admin)
        const piped = summary(
          await runWorkers(CONCURRENCY, Math.min(SECONDS, 3), 0.5, async (w) => {
            const sql = wl.sql(w, cache)
            await queryAsIdentity(pipelinedPool, identities[w], [{ text: sql.text, values: sql.values as unknown[] }])
            return 200
          }),
        )
        const base = medianOf(pgRounds)
        results[wl.key] = { api, pg: base }
        console.log(`rest (${wl.key}) ${''.padEnd(30)} pg  ${base.text}   (BEGIN; set-up; statement; COMMIT)${rounds(pgRounds)}`)
        console.log(`rest (${wl.key}) ${''.padEnd(30)} pg1 ${piped.text}   (same, pipelined in one round trip, as the API does; one round)`)
        console.log(`rest (${wl.key}) ${''.padEnd(30)} api/pg ratio ${fmt(api.rps / base.rps)}  (api/pg1 ${fmt(api.rps / piped.rps)})`)
      }
      console.log(
        `rest (${wl.key}) ${''.padEnd(30)} CPU per API request: runtime ${perRequest(cpu.user + cpu.kernel)} µs (user ${perRequest(cpu.user)}, kernel ${perRequest(cpu.kernel)}), ` +
          `PostgreSQL ${perRequest(cpu.postgres)} µs, load generator ${perRequest(cpu.generator)} µs`,
      )
    }
    clients.forEach((c) => c.release())
    const a = results.a
    const b = results.b
    if (!a || !b) return
    const checks = [
      [`(a) ≥ 2,500 req/s`, a.api.rps >= 2500, `${fmt(a.api.rps, 0)}`],
      [`(a) api/pg ratio ≥ 0.5`, a.api.rps / a.pg.rps >= 0.5, fmt(a.api.rps / a.pg.rps)],
      [`(a) p99 ≤ 15 ms`, a.api.p99 <= 15, `${fmt(a.api.p99)} ms`],
      [`(b) p99 ≤ 15 ms`, b.api.p99 <= 15, `${fmt(b.api.p99)} ms`],
    ] as const
    for (const [name, ok, value] of checks) console.log(`rest target ${name.padEnd(24)} ${ok ? 'met' : 'MISSED'} (${value})`)
  } finally {
    connections.forEach((c) => c.close())
    await baselinePool.end().catch(() => undefined)
    await pipelinedPool.end().catch(() => undefined)
    await admin.end().catch(() => undefined)
    await runtime.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
