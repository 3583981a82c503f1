// test/bench/functions.bench.ts — `npm run bench -- functions`: edge functions on the warm Deno pool, against
// baselines run here in the same process: a bare Deno.serve hello-world driven the same way (keep-alive HTTP/1.1,
// concurrency 8), and upstream's model, one `deno run` per call. Figures: (a) a trivial function at concurrency 8
// (req/s, p50, p99, and throughput as a share of Deno.serve, beside the runtime's own /health as the ceiling of any
// route through its HTTP server); (b) a function reading 20 rows through the user
// client under RLS; (c) a save to the first call that runs the new code (saves 1 s apart, calls back to back from
// the write on); (d) the first call after a cold start.
// Each load figure is the median of BENCH_ROUNDS rounds (default 3).
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { signJwt, secretKey } from '../../electron/server/auth/jwt.js'
import { denoBinary } from '../../electron/server/deno/deno-binary.js'
import { HttpConnection, runWorkers, type LoadResult } from './rest-load.js'
import { fmt, median, percentile } from './stats.js'
import { stopProcess, whenReady } from './runtime-process.js'

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ALICE = '00000000-0000-4000-8000-0000000000a1'

interface Ready { apiUrl: string; jwtSecret: string; databaseUrl: string; anonKey: string }

function startRuntime(dataDir: string, functionsDir: string): Promise<{ info: Ready; stop: () => Promise<void> }> {
  const built = path.resolve('out/server/cli.js')
  if (!fs.existsSync(built)) throw new Error('out/server/cli.js is missing: run `npm run bench -- functions` (it builds first)')
  return whenReady<Ready>(spawn(process.execPath, [built, '--quiet', '--data-dir', dataDir, '--port', '0', '--functions-dir', functionsDir], { stdio: ['ignore', 'pipe', 'pipe'] }))
}

/** A bare Deno.serve hello-world on a free port: the ceiling any Deno-backed answer can reach here. */
function startDenoServe(dir: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const file = path.join(dir, 'serve.ts')
  fs.writeFileSync(file, `Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => console.log('PORT ' + port) }, () => Response.json({ hello: 'world' }))`)
  const child = spawn(denoBinary(), ['run', '--no-config', '--no-lock', '--allow-net', file], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } })
  let out = ''
  return new Promise((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /PORT (\d+)/.exec(out)
      if (m) resolve({ port: Number(m[1]), stop: () => stopProcess(child) })
    })
  })
}

async function load(port: number, pathAndQuery: string, headers: Record<string, string>, concurrency = CONCURRENCY): Promise<LoadResult> {
  const conns = Array.from({ length: concurrency }, () => new HttpConnection('127.0.0.1', port))
  try {
    return await runWorkers(concurrency, SECONDS, WARMUP, async (w) => (await conns[w].request('GET', pathAndQuery, headers)).status)
  } finally {
    for (const c of conns) c.close()
  }
}

interface Figures { rps: number; p50: number; p99: number; errors: number }
const figures = (r: LoadResult): Figures => ({ rps: r.requests / r.seconds, p50: percentile(r.latenciesMs, 50), p99: percentile(r.latenciesMs, 99), errors: r.errors })
const medianOf = (runs: Figures[]): Figures => ({ rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), errors: runs.reduce((n, r) => n + r.errors, 0) })
const line = (label: string, f: Figures) => `${label.padEnd(44)} ${fmt(f.rps, 0).padStart(7)} req/s   p50 ${fmt(f.p50)} ms   p99 ${fmt(f.p99)} ms${f.errors ? `   errors ${f.errors}` : ''}`

async function invokeOnce(apiUrl: string, name: string, token: string): Promise<{ status: number; text: string }> {
  const r = await fetch(`${apiUrl}/api/v1/functions/${name}/invoke`, { headers: { Authorization: `Bearer ${token}` } })
  return { status: r.status, text: await r.text() }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-bench-fn-'))
  // PostgreSQL runs as another user when this runs as root: it must pass through to the data directory.
  fs.chmodSync(work, 0o711)
  const functionsDir = path.join(work, 'functions')
  fs.mkdirSync(functionsDir)
  fs.writeFileSync(path.join(functionsDir, 'hello.ts'), `export default function handler() { return { hello: 'world' } }`)
  fs.writeFileSync(path.join(functionsDir, 'posts.ts'), `export async function handler(req, fluxbase) {
  const { data, error } = await fluxbase.from('bench_posts').select('id,title').order('id').limit(20)
  if (error) throw new Error(error.message)
  return data
}`)
  fs.writeFileSync(path.join(functionsDir, 'edit.ts'), `export function handler() { return 'v0' }`)
  const dataDir = path.join(work, 'data')
  let rt = await startRuntime(dataDir, functionsDir).catch((err: Error) => {
    fs.rmSync(work, { recursive: true, force: true })
    throw err
  })
  const denoServe = await startDenoServe(work)
  const results: string[] = []
  try {
    const { apiUrl, anonKey } = rt.info
    const port = Number(new URL(apiUrl).port)
    const admin = new pg.Pool({ connectionString: rt.info.databaseUrl, max: 2 })
    await admin.query(`CREATE TABLE bench_posts (id serial PRIMARY KEY, user_id uuid NOT NULL, title text NOT NULL);
      ALTER TABLE bench_posts ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON bench_posts USING (user_id::text = current_setting('app.user_id', true));
      GRANT SELECT ON bench_posts TO authenticated;
      INSERT INTO bench_posts (user_id, title) SELECT CASE WHEN g % 2 = 0 THEN '${ALICE}'::uuid ELSE gen_random_uuid() END, 'post ' || g FROM generate_series(1, 2000) g;`)
    await admin.end()
    const alice = await signJwt(secretKey(rt.info.jwtSecret), { iss: 'fluxbase', sub: ALICE, role: 'authenticated' }, { expiresInSeconds: 3600 })
    // The new table reaches the schema cache shortly after it is made.
    for (let i = 0; i < 100 && (await invokeOnce(apiUrl, 'posts', alice)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100))
    const auth = { Authorization: `Bearer ${anonKey}` }

    // (a) trivial function against bare Deno.serve, rounds alternating.
    // The runtime's HTTP server with no function behind it (/health): what any route of this Node process reaches.
    const fn: Figures[] = []
    const base: Figures[] = []
    const health: Figures[] = []
    for (let round = 0; round < ROUNDS; round++) {
      base.push(figures(await load(denoServe.port, '/', {})))
      health.push(figures(await load(port, '/health', {})))
      fn.push(figures(await load(port, '/api/v1/functions/hello/invoke', auth)))
    }
    const a = medianOf(fn)
    const b = medianOf(base)
    results.push(line(`baseline: bare Deno.serve hello (c=${CONCURRENCY})`, b))
    results.push(line(`reference: the runtime's own /health (c=${CONCURRENCY})`, medianOf(health)) + `   = ${fmt((100 * medianOf(health).rps) / b.rps, 0)} % of Deno.serve`)
    results.push(line(`(a) trivial function, warm pool (c=${CONCURRENCY})`, a) + `   = ${fmt((100 * a.rps) / b.rps, 0)} % of Deno.serve`)

    // (b) 20 rows through the user client under RLS.
    const reads8: Figures[] = []
    const reads1: Figures[] = []
    for (let round = 0; round < ROUNDS; round++) {
      reads1.push(figures(await load(port, '/api/v1/functions/posts/invoke', { Authorization: `Bearer ${alice}` }, 1)))
      reads8.push(figures(await load(port, '/api/v1/functions/posts/invoke', { Authorization: `Bearer ${alice}` })))
    }
    results.push(line('(b) 20 rows via the user client (c=1)', medianOf(reads1)))
    results.push(line(`(b) 20 rows via the user client (c=${CONCURRENCY})`, medianOf(reads8)))

    // (c) save → the first call that answers with the new code (calls back to back from the write on).
    await invokeOnce(apiUrl, 'edit', anonKey)
    const reloads: number[] = []
    for (let i = 1; i <= 20; i++) {
      const t0 = performance.now()
      fs.writeFileSync(path.join(functionsDir, 'edit.ts'), `export function handler() { return 'v${i}' }`)
      for (;;) {
        const r = await invokeOnce(apiUrl, 'edit', anonKey)
        if (r.text === `"v${i}"`) break
        if (performance.now() - t0 > 10_000) throw new Error(`edit ${i} not picked up in 10 s (last answer ${r.status} ${r.text})`)
      }
      reloads.push(performance.now() - t0)
      // Saves a second apart, as a person saves: the pool's spare process for the next version starts meanwhile.
      await new Promise((r) => setTimeout(r, 1000))
    }
    results.push(`(c) save → next call runs it (20 saves)              p50 ${fmt(median(reloads))} ms   p95 ${fmt(percentile(reloads, 95))} ms   max ${fmt(Math.max(...reloads))} ms`)

    // (d) first call after a cold start: a new runtime process on the same data directory, called at READY.
    const firsts: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      await rt.stop()
      rt = await startRuntime(dataDir, functionsDir)
      const t0 = performance.now()
      const r = await invokeOnce(rt.info.apiUrl, 'hello', rt.info.anonKey)
      if (r.status !== 200) throw new Error(`first call after start: ${r.status} ${r.text}`)
      firsts.push(performance.now() - t0)
    }
    results.push(`(d) first call after a cold start (${ROUNDS} starts)         median ${fmt(median(firsts))} ms   max ${fmt(Math.max(...firsts))} ms`)

    // Upstream's model: a new `deno run` per call (the function imported and called, its result printed).
    const once = path.join(work, 'once.ts')
    fs.writeFileSync(once, `const m = await import('file://${path.join(functionsDir, 'hello.ts')}'); console.log(JSON.stringify(await m.default()))`)
    const perCall: number[] = []
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now()
      spawnSync(denoBinary(), ['run', '--no-config', '--no-lock', `--allow-read=${functionsDir}`, once], { env: { ...process.env, NO_COLOR: '1' } })
      perCall.push(performance.now() - t0)
    }
    results.push(`reference: upstream's model, one \`deno run\` per call    p50 ${fmt(median(perCall))} ms   (${fmt(1000 / median(perCall), 0)} calls/s on one worker, no HTTP)`)
  } finally {
    await denoServe.stop()
    await rt.stop()
    fs.rmSync(work, { recursive: true, force: true })
  }
  console.log(`functions bench — ${os.cpus().length} cores, ${ROUNDS} rounds of ${SECONDS} s, medians`)
  for (const r of results) console.log(r)
}

await main()
