// test/bench/soak.bench.ts — `npm run bench -- soak [--minutes N] [--subscribers N]`: issue 24's soak. The runtime
// runs in its own process (as `npm run serve`) for N minutes (default 5) of mixed load: REST inserts (each one a
// realtime change) and page reads as 10 users, 500 WebSocket subscribers (50 per user, under an owner policy, on a
// thread of their own), storage uploads and downloads, and slow RPCs (2 s sleeps). Probes of `/health` and of a
// one-row read run all along; every 10 s it prints their p99, the load done and the runtime's RSS. At the end: RSS at
// start, peak and 60 s after the load stops, and deliveries lost (rows a subscriber was allowed and never got).
// Goals: /health p99 < 50 ms in every window, RSS after ≤ 2 × start, 0 lost.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { signJwt, secretKey } from '../../electron/server/auth/jwt.js'
import { runtimeRss, startRuntimeProcess } from './runtime-process.js'
import { startSubscribers } from './realtime-workers.js'
import { fmt, percentile } from './stats.js'

interface Ready { apiUrl: string; serviceRoleKey: string; databaseUrl: string; jwtSecret: string; studioUrl: string }

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const n = i > 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`)
  return n
}

const MINUTES = flag('minutes', 5)
const SUBSCRIBERS = flag('subscribers', 500)
const USERS = 10
const INSERTS_PER_SECOND = 20
const WINDOW_MS = 10_000
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-bench-soak-'))
  const rt = await startRuntimeProcess<Ready>('soak', dataDir)
  const { apiUrl, serviceRoleKey } = rt.info
  const admin = new pg.Pool({ connectionString: rt.info.databaseUrl, max: 2 })
  let subscribers: Awaited<ReturnType<typeof startSubscribers>> | undefined
  try {
    const users = Array.from({ length: USERS }, () => crypto.randomUUID())
    const key = secretKey(rt.info.jwtSecret)
    const tokens = await Promise.all(users.map((sub) => signJwt(key, { iss: 'fluxbase', sub, role: 'authenticated' }, { expiresInSeconds: 6 * 3600 })))
    await admin.query(`
      CREATE TABLE public.soak_rows (id bigserial PRIMARY KEY, owner uuid NOT NULL DEFAULT auth.uid(), sent_ns bigint, title text, body text);
      ALTER TABLE public.soak_rows ENABLE ROW LEVEL SECURITY;
      CREATE POLICY soak_own ON public.soak_rows FOR ALL TO authenticated USING (owner = auth.uid()) WITH CHECK (owner = auth.uid());
      GRANT SELECT, INSERT ON public.soak_rows TO authenticated;
      GRANT USAGE ON SEQUENCE public.soak_rows_id_seq TO authenticated;
      INSERT INTO public.soak_rows (owner, title, body) SELECT ('${users[0]}')::uuid, 'seed ' || g, repeat('seed ', 20) FROM generate_series(1, 1000) g;
      CREATE FUNCTION public.soak_nap(s float8) RETURNS float8 LANGUAGE sql AS 'SELECT pg_sleep(s); SELECT s';
      GRANT EXECUTE ON FUNCTION public.soak_nap(float8) TO authenticated;
      CREATE POLICY soak_files ON storage.objects FOR ALL TO authenticated USING (bucket_id = 'soak') WITH CHECK (bucket_id = 'soak');
    `)
    const api = (p: string, init: RequestInit & { token?: string } = {}) =>
      fetch(apiUrl + p, { ...init, headers: { Authorization: `Bearer ${init.token ?? serviceRoleKey}`, ...(typeof init.body === 'string' ? { 'Content-Type': 'application/json' } : {}), ...(init.headers as object) } })
    const enable = await api('/api/v1/admin/realtime/tables', { method: 'POST', body: JSON.stringify({ table: 'soak_rows', events: ['INSERT'] }) })
    if (enable.status !== 201) throw new Error(`enable realtime: ${enable.status} ${await enable.text()}`)
    const bucket = await api('/api/v1/storage/buckets/soak', { method: 'POST', body: '{}' })
    if (bucket.status !== 201) throw new Error(`create bucket: ${bucket.status} ${await bucket.text()}`)

    subscribers = await startSubscribers(apiUrl, 'soak_rows', Array.from({ length: SUBSCRIBERS }, (_, i) => tokens[i % USERS]))
    await sleep(3000)
    const rssStart = runtimeRss(rt.pid)
    let rssPeak = rssStart
    console.log(`soak: ${MINUTES} min, ${SUBSCRIBERS} subscribers, ${USERS} users; RSS at start ${mib(rssStart)}`)

    const inserted: Array<{ id: number; user: number }> = []
    const counts = { reads: 0, inserts: 0, storage: 0, rpc: 0, errors: 0 }
    const errorKinds = new Map<string, number>()
    const failed = (what: string) => (err: unknown) => {
      counts.errors++
      const kind = `${what}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 120)
      errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1)
    }
    const expectOk = async (what: string, res: Response, ok = [200, 201]): Promise<Response> => {
      if (!ok.includes(res.status)) throw new Error(`${what} ${res.status}`)
      return res
    }
    let loadOn = true
    const loop = async (body: () => Promise<void>, what: string) => {
      while (loadOn) await body().catch(failed(what))
    }
    const file = crypto.randomBytes(64 * 1024)
    const loops = [
      // Inserts at a fixed rate, round-robin over the users: every one is a change for that user's 50 sockets.
      (async () => {
        const t0 = Date.now()
        for (let n = 0; loadOn; n++) {
          const due = t0 + (n * 1000) / INSERTS_PER_SECOND
          if (due > Date.now()) await sleep(due - Date.now())
          const user = n % USERS
          void api('/api/v1/tables/soak_rows', { method: 'POST', token: tokens[user], headers: { Prefer: 'return=representation' }, body: JSON.stringify({ title: `row ${n}`, body: 'soak '.repeat(40), sent_ns: String(process.hrtime.bigint()) }) })
            .then((res) => expectOk('insert', res))
            .then(async (res) => {
              inserted.push({ id: Number(((await res.json()) as Array<{ id: number }>)[0].id), user })
              counts.inserts++
            })
            .catch(failed('insert'))
        }
      })(),
      ...[0, 1, 2, 3].map((w) => loop(async () => {
        await (await expectOk('read', await api(`/api/v1/tables/soak_rows?select=id,title,body&order=id.desc&limit=20`, { token: tokens[w] }))).arrayBuffer()
        counts.reads++
      }, 'read')),
      loop(async () => {
        const key = `f${counts.storage % 50}.bin`
        await (await expectOk('upload', await api(`/api/v1/storage/soak/${key}`, { method: 'PUT', token: tokens[1], body: file, headers: { 'Content-Type': 'application/octet-stream' } }))).arrayBuffer()
        await (await expectOk('download', await api(`/api/v1/storage/soak/${key}`, { token: tokens[1] }))).arrayBuffer()
        counts.storage++
      }, 'storage'),
      ...[0, 1].map((w) => loop(async () => {
        await (await expectOk('rpc', await api('/api/v1/rpc/default/soak_nap', { method: 'POST', token: tokens[2 + w], body: JSON.stringify({ params: { s: 2 } }) }))).arrayBuffer()
        counts.rpc++
      }, 'rpc')),
    ]

    // Probes: /health and a one-row read, 5 a second each, for the whole run and the minute after it.
    let health: number[] = []
    let oneRow: number[] = []
    let probing = true
    const timed = async (p: string, into: () => number[], token?: string) => {
      const t = performance.now()
      const res = await api(p, { token })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`probe ${p.split('?')[0]} ${res.status}`)
      into().push(performance.now() - t)
    }
    // Each probe on its own loop: a slow read must not hold back the /health samples.
    const probeLoop = async (probe: () => Promise<void>) => {
      while (probing) {
        await probe().catch(failed('probe'))
        await sleep(200)
      }
    }
    const probes = Promise.all([
      probeLoop(() => timed('/health', () => health)),
      probeLoop(() => timed('/api/v1/tables/soak_rows?select=id,title&id=eq.1', () => oneRow, tokens[0])),
    ])
    const rssSampler = setInterval(() => (rssPeak = Math.max(rssPeak, runtimeRss(rt.pid))), 1000)
    let worstHealth = 0
    const window = (label: string, last: typeof counts) => {
      const h = percentile(health, 99)
      worstHealth = Math.max(worstHealth, Number.isFinite(h) ? h : 0)
      const d = (k: keyof typeof counts) => counts[k] - last[k]
      console.log(`${label}: /health p99 ${fmt(h, 1)} ms (${health.length}) | one-row read p99 ${fmt(percentile(oneRow, 99), 1)} ms | reads ${d('reads')} inserts ${d('inserts')} storage ${d('storage')} rpc ${d('rpc')} errors ${d('errors')} | RSS ${mib(runtimeRss(rt.pid))}`)
      health = []
      oneRow = []
    }
    const started = Date.now()
    for (let t = WINDOW_MS; t <= MINUTES * 60_000; t += WINDOW_MS) {
      const last = { ...counts }
      await sleep(started + t - Date.now())
      window(`t=${t / 1000}s`, last)
    }
    loadOn = false
    await Promise.all(loops)
    const afterLoad = { ...counts }
    // Deliveries in flight get a few seconds, then the subscribers' tallies are compared with what was inserted.
    await sleep(5000)
    const report = await subscribers.report()
    let expected = 0
    let lost = 0
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const got = new Set(report.received[i] ?? [])
      for (const row of inserted) {
        if (row.user !== i % USERS) continue
        expected++
        if (!got.has(row.id)) lost++
      }
    }
    const latency = report.latencies
    console.log(`deliveries: ${expected} expected, ${expected - lost} received, ${lost} lost; insert-to-socket p50 ${fmt(percentile(latency, 50), 1)} ms, p99 ${fmt(percentile(latency, 99), 1)} ms`)
    await subscribers.close()
    subscribers = undefined
    for (let t = 10; t <= 60; t += 10) {
      const last = { ...counts }
      await sleep(10_000)
      window(`idle +${t}s`, last)
    }
    probing = false
    await probes
    clearInterval(rssSampler)
    const rssAfter = runtimeRss(rt.pid)
    // The READY line carries the studio's token only inside its URL (#token=…).
    const studioToken = new URL(rt.info.studioUrl).hash.replace(/^#token=/, '')
    const status = await fetch(`${apiUrl}/studio/api/status`, { headers: { Authorization: `Bearer ${studioToken}` } }).then((r) => r.json()).catch(() => undefined)
    if (status?.memory) console.log(`memory by part (studio status): ${JSON.stringify(status.memory)}`)
    console.log(`RSS: start ${mib(rssStart)}, peak ${mib(rssPeak)}, 60 s after the load ${mib(rssAfter)} (${fmt(rssAfter / rssStart, 2)} × start)`)
    console.log(`load: ${afterLoad.reads} reads, ${afterLoad.inserts} inserts, ${afterLoad.storage} storage round trips, ${afterLoad.rpc} slow RPCs, ${afterLoad.errors} errors`)
    for (const [kind, n] of errorKinds) console.log(`  error × ${n}: ${kind}`)
    const goals = [
      [`/health p99 < 50 ms in every window (worst ${fmt(worstHealth, 1)} ms)`, worstHealth < 50],
      [`RSS after ≤ 2 × start (${fmt(rssAfter / rssStart, 2)} ×)`, rssAfter <= 2 * rssStart],
      [`0 deliveries lost (${lost})`, lost === 0],
    ] as const
    for (const [goal, met] of goals) console.log(`goal ${met ? 'met' : 'MISSED'}: ${goal}`)
  } finally {
    await subscribers?.close().catch(() => undefined)
    await admin.end()
    await rt.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
