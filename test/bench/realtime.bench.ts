// test/bench/realtime.bench.ts — `npm run bench -- realtime` (or `npx tsx test/bench/realtime.bench.ts`).
// (a) insert-to-client latency at 200 inserts/s, 10 subscribers (10 users, RLS on, every row visible to all);
// (b) 100 subscribers as 10 users under an owner policy, 500 inserts/s for 30 s: every permitted event arrives,
//     no other, p99 ≤ 100 ms; (c) the highest sustained rate at which (b) still holds (10 s steps).
// Baselines in the same process: the INSERT round trip alone, and insert-to-capture (the WAL decoded, before any
// fan-out), so the figures read as "what realtime adds". Latency = client receipt − just before the INSERT was sent.
import crypto from 'node:crypto'
import os from 'node:os'
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.js'
import { getRealtime } from '../../electron/server/realtime/realtime-service.js'
import { fmt, median, percentile } from './stats.js'
import { insertAtRate, startSubscribers } from './realtime-workers.js'

const A_ROUNDS = Number(process.env.BENCH_RUNS ?? 3)
const A_SECONDS = Number(process.env.BENCH_A_SECONDS ?? 10)
const B_SECONDS = Number(process.env.BENCH_B_SECONDS ?? 30)
const C_SECONDS = Number(process.env.BENCH_C_SECONDS ?? 10)
const C_RATES = (process.env.BENCH_C_RATES ?? '750,1000,1500,2000,3000').split(',').map(Number)

async function createTable(rt: TestRuntime, table: string, policy: string): Promise<void> {
  await rt.admin.query(`
    CREATE TABLE public.${table} (id bigserial PRIMARY KEY, owner uuid, sent_ns bigint, body text DEFAULT 'bench row');
    ALTER TABLE public.${table} ENABLE ROW LEVEL SECURITY;
    GRANT SELECT ON public.${table} TO authenticated;
    CREATE POLICY ${table}_read ON public.${table} FOR SELECT TO authenticated USING (${policy});`)
  const res = await rt.api('/api/v1/admin/realtime/tables', { method: 'POST', body: JSON.stringify({ table, events: ['INSERT'] }) })
  if (res.status !== 201) throw new Error(`enable ${table}: ${res.status}`)
}

/** Insert-to-capture latencies of one run, measured on the runtime's own capture stream. */
function captureProbe(rt: TestRuntime, table: string) {
  const latencies: number[] = []
  const at = new Map<number, number>()
  const off = getRealtime(rt.ctx)!.capture.subscribe((events) => {
    const now = process.hrtime.bigint()
    for (const e of events) {
      if (e.table !== table || !e.record) continue
      latencies.push(Number(now - BigInt(String(e.record.sent_ns))) / 1e6)
      at.set(Number(e.record.id), Number(now))
    }
  })
  return { latencies, at, off }
}

interface Run {
  rate: number
  achieved: number
  p50: number
  p99: number
  max: number
  /** Realtime's own share: capture stream → client (fan-out, RLS check, WebSocket). */
  shareP50: number
  shareP99: number
  capP50: number
  capP99: number
  rttP50: number
  rttP99: number
  expected: number
  delivered: number
  missing: number
  extra: number
  failedInserts: number
}

/** One load run: subscribers per user, `rate` inserts/s for `seconds`, owners cycling over `owners`. */
async function run(rt: TestRuntime, table: string, tokensByUser: string[][], users: string[], owners: string[], rate: number, seconds: number, everyoneSeesAll: boolean): Promise<Run> {
  const tokens = tokensByUser.flat()
  const userOfSocket = tokensByUser.flatMap((list, u) => list.map(() => u))
  const subs = await startSubscribers(rt.info.apiUrl, table, tokens)
  const probe = captureProbe(rt, table)
  try {
    const ins = await insertAtRate(rt.info.databaseUrl, table, rate, seconds, owners)
    // Let the tail arrive: until a second passes with nothing new (bounded).
    let last = -1
    let report = { latencies: [] as number[], received: tokens.map(() => [] as number[]), times: tokens.map(() => [] as number[]) }
    const merged = { latencies: [] as number[], received: tokens.map(() => [] as number[]) }
    const share: number[] = []
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 500))
      report = await subs.report()
      for (const l of report.latencies) merged.latencies.push(l)
      report.received.forEach((ids, k) => {
        for (const id of ids) merged.received[k].push(id)
        ids.forEach((id, j) => {
          const captured = probe.at.get(Number(id))
          if (captured !== undefined) share.push((report.times[k][j] - captured) / 1e6)
        })
      })
      const total = merged.latencies.length
      if (total === last) break
      last = total
    }
    let expected = 0
    let missing = 0
    let extra = 0
    merged.received.forEach((ids, k) => {
      const user = users[userOfSocket[k]]
      const want = new Set(ins.rows.filter(([, owner]) => everyoneSeesAll || owner === user).map(([id]) => Number(id)))
      const got = new Set(ids.map(Number))
      expected += want.size
      for (const id of want) if (!got.has(id)) missing++
      for (const id of got) if (!want.has(id)) extra++
      extra += ids.length - got.size // duplicates
    })
    return {
      rate,
      achieved: ins.rows.length / ins.seconds,
      p50: percentile(merged.latencies, 50),
      p99: percentile(merged.latencies, 99),
      max: percentile(merged.latencies, 100),
      shareP50: percentile(share, 50),
      shareP99: percentile(share, 99),
      capP50: percentile(probe.latencies, 50),
      capP99: percentile(probe.latencies, 99),
      rttP50: percentile(ins.roundTrips, 50),
      rttP99: percentile(ins.roundTrips, 99),
      expected,
      delivered: merged.latencies.length,
      missing,
      extra,
      failedInserts: ins.failed,
    }
  } finally {
    probe.off()
    await subs.close()
  }
}

function describeRun(label: string, r: Run): string {
  return (
    `realtime ${label.padEnd(30)} p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  max ${fmt(r.max)} ms  ` +
    `delivered ${r.delivered}/${r.expected} (missing ${r.missing}, extra ${r.extra})  inserts ${fmt(r.achieved, 0)}/s` +
    `\n    realtime's share (capture → client: match, RLS check, send) p50 ${fmt(r.shareP50)} / p99 ${fmt(r.shareP99)} ms` +
    `\n    baseline: INSERT round trip p50 ${fmt(r.rttP50)} / p99 ${fmt(r.rttP99)} ms; insert→capture (WAL decoded, no fan-out) p50 ${fmt(r.capP50)} / p99 ${fmt(r.capP99)} ms; ratio to capture p50 ${fmt(r.p50 / r.capP50, 1)}×, p99 ${fmt(r.p99 / r.capP99, 1)}×`
  )
}

async function main() {
  console.log(`realtime bench on ${os.cpus().length} cores, node ${process.version}`)
  const rt = await startTestRuntime()
  try {
    const users = Array.from({ length: 10 }, () => crypto.randomUUID())
    const tokenFor = (u: string) => rt.signToken({ sub: u, role: 'authenticated', email: `${u.slice(0, 8)}@bench.local` })

    // (a) — every authenticated user may read every row: each insert reaches all 10 sockets, each checked under RLS.
    await createTable(rt, 'bench_a', 'true')
    const aTokens = await Promise.all(users.map(async (u) => [await tokenFor(u)]))
    // Warm-up: connections, prepared statements, JIT.
    await run(rt, 'bench_a', aTokens, users, users, 100, 2, true)
    const aRuns: Run[] = []
    for (let i = 0; i < A_ROUNDS; i++) {
      const r = await run(rt, 'bench_a', aTokens, users, users, 200, A_SECONDS, true)
      aRuns.push(r)
      console.log(describeRun(`(a) round ${i + 1} 200/s × 10 subs`, r))
    }
    const aP50 = median(aRuns.map((r) => r.p50))
    const aP99 = median(aRuns.map((r) => r.p99))
    const aOk = aP50 <= 5 && aP99 <= 25 && aRuns.every((r) => r.missing === 0 && r.extra === 0)
    console.log(`realtime (a) median of ${A_ROUNDS}: p50 ${fmt(aP50)} ms (target ≤ 5), p99 ${fmt(aP99)} ms (target ≤ 25) → ${aOk ? 'PASS' : 'FAIL'}`)

    // (b) — 10 users × 10 sockets; a policy per owner; one owner in 11 has no subscriber (rows nobody may receive).
    await createTable(rt, 'bench_b', 'owner = auth.uid()')
    const bTokens = await Promise.all(users.map(async (u) => Promise.all(Array.from({ length: 10 }, () => tokenFor(u)))))
    const owners = [...users, crypto.randomUUID()]
    await run(rt, 'bench_b', bTokens, users, owners, 200, 2, false)
    const holds = (r: Run) => r.missing === 0 && r.extra === 0 && r.failedInserts === 0 && r.p99 <= 100 && r.achieved >= r.rate * 0.95
    const b = await run(rt, 'bench_b', bTokens, users, owners, 500, B_SECONDS, false)
    console.log(describeRun(`(b) 500/s × 100 subs, ${B_SECONDS}s`, b))
    console.log(`realtime (b) every permitted event arrived: ${b.missing === 0 ? 'yes' : 'NO'}; none other: ${b.extra === 0 ? 'yes' : 'NO'}; p99 ${fmt(b.p99)} ms (target ≤ 100) → ${holds(b) ? 'PASS' : 'FAIL'}`)

    // (c) — step the rate up until (b)'s conditions break.
    let best = holds(b) ? 500 : 0
    for (const rate of C_RATES) {
      const r = await run(rt, 'bench_b', bTokens, users, owners, rate, C_SECONDS, false)
      console.log(describeRun(`(c) ${rate}/s × 100 subs, ${C_SECONDS}s`, r))
      if (!holds(r)) break
      best = rate
    }
    console.log(`realtime (c) highest sustained rate where (b) holds: ${best} inserts/s (${C_SECONDS} s steps over ${C_RATES.join(', ')})`)
    const stats = await getRealtime(rt.ctx)!.stats()
    console.log(`realtime stats: ${JSON.stringify({ capture: stats.capture, fan_out: stats.fan_out, decisions: { ...(stats.decisions as object), by_table: undefined } })}`)
  } finally {
    await rt.stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
