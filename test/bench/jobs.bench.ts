// test/bench/jobs.bench.ts — `npm run bench -- jobs`: (a) submit → running on an idle queue (server-side times:
// started_at − created_at), (b) 1,000 trivial jobs drained by the default workers, against a bare SKIP LOCKED
// claim-and-update loop in SQL with as many connections (the baseline, same process, same database), (c) a kill -9
// of the runtime in the middle of a 1,000-job drain, a restart, and the count of jobs completed (exactly once each).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { startTestRuntime } from '../helpers/runtime.js'
import { runCli } from '../helpers/cli-process.js'
import { jobsServiceOf } from '../../electron/server/jobs/jobs-routes.js'
import { fmt, median, percentile } from './stats.js'

const DRAIN = Number(process.env.BENCH_JOBS ?? 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const TRIVIAL = `// @fluxbase:max-retries 3
export function main(payload) { return { n: payload.n } }`
const RECORDS = `// @fluxbase:max-retries 3
export async function handler(req, fluxbase, fluxbaseService, job) {
  const { error } = await fluxbaseService.from('bench_done').insert({ job_id: job.getJobContext().job_id })
  if (error) throw new Error(error.message)
  return null
}`

function jobsFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-jobs-bench-'))
  fs.writeFileSync(path.join(dir, 'trivial.ts'), TRIVIAL)
  fs.writeFileSync(path.join(dir, 'records.ts'), RECORDS)
  return dir
}

async function waitFor(what: string, ms: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function submitMany(apiUrl: string, key: string, jobName: string, n: number): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) {
        const i = next++
        const r = await fetch(`${apiUrl}/api/v1/jobs/submit`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ job_name: jobName, payload: { n: i } }) })
        if (r.status !== 201) throw new Error(`submit ${i}: ${r.status} ${await r.text()}`)
      }
    }),
  )
}

async function main() {
  const dir = jobsFolder()
  const rt = await startTestRuntime({ jobsDir: dir })
  const service = jobsServiceOf(rt.ctx)!
  console.log(`jobs bench: ${os.availableParallelism()} cores, ${service.workerCount} workers (the default), ${ROUNDS} rounds`)
  try {
    await waitFor('the job functions to load', 30_000, async () => service.runnableNames().length === 2)
    const post = (body: unknown) => fetch(`${rt.info.apiUrl}/api/v1/jobs/submit`, { method: 'POST', headers: { Authorization: `Bearer ${rt.info.serviceRoleKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    // Warm-up: every worker's module loaded.
    await submitMany(rt.info.apiUrl, rt.info.serviceRoleKey, 'trivial', 50)
    await waitFor('the warm-up', 60_000, async () => (await rt.admin.query(`SELECT count(*)::int AS n FROM jobs.queue WHERE status <> 'completed'`)).rows[0].n === 0)

    // (a) submit → running, one at a time on an idle queue.
    const startLatency: number[] = []
    for (let i = 0; i < 40; i++) {
      const { id } = (await (await post({ job_name: 'trivial', payload: { n: i } })).json()) as { id: string }
      await waitFor('completion', 10_000, async () => (await rt.admin.query(`SELECT status FROM jobs.queue WHERE id = $1`, [id])).rows[0].status === 'completed')
      const { rows } = await rt.admin.query(`SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM jobs.queue WHERE id = $1`, [id])
      startLatency.push(Number(rows[0].ms))
    }
    console.log(`jobs (a) submit → running, idle queue     p50 ${fmt(median(startLatency))} ms  p95 ${fmt(percentile(startLatency, 95))} ms  (n=${startLatency.length}; target p50 ≤ 25 ms → ${median(startLatency) <= 25 ? 'met' : 'NOT met'})`)

    // (b) 1,000 trivial jobs drained; baseline: bare SKIP LOCKED claim-and-update with as many connections.
    const rates: number[] = []
    const baseRates: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      await rt.admin.query(`DELETE FROM jobs.queue`)
      // Queued in one statement while no worker may take them (an unknown name), then released at once: the figure is
      // the drain, not the submission.
      await rt.admin.query(`INSERT INTO jobs.queue (job_name, payload) SELECT 'trivial-held', jsonb_build_object('n', i) FROM generate_series(1, $1) i`, [DRAIN])
      const t0 = performance.now()
      await rt.admin.query(`UPDATE jobs.queue SET job_name = 'trivial' WHERE job_name = 'trivial-held'`)
      service.wake()
      await waitFor('the drain', 300_000, async () => (await rt.admin.query(`SELECT count(*)::int AS n FROM jobs.queue WHERE status = 'completed'`)).rows[0].n === DRAIN)
      const seconds = (performance.now() - t0) / 1000
      rates.push(DRAIN / seconds)

      await rt.admin.query(`DELETE FROM jobs.queue`)
      await rt.admin.query(`INSERT INTO jobs.queue (job_name, payload) SELECT 'baseline', jsonb_build_object('n', i) FROM generate_series(1, $1) i`, [DRAIN])
      const pool = new pg.Pool({ connectionString: rt.info.databaseUrl, max: service.workerCount })
      const b0 = performance.now()
      await Promise.all(
        Array.from({ length: service.workerCount }, async (_, w) => {
          for (;;) {
            const { rows } = await pool.query(
              `UPDATE jobs.queue SET status = 'running', worker_id = $1, started_at = now() WHERE id = (SELECT id FROM jobs.queue WHERE status = 'pending' AND job_name = 'baseline' ORDER BY priority DESC, created_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, payload`,
              [`b${w}`],
            )
            if (!rows[0]) return
            await pool.query(`UPDATE jobs.queue SET status = 'completed', result = $2, completed_at = now() WHERE id = $1`, [rows[0].id, rows[0].payload])
          }
        }),
      )
      baseRates.push(DRAIN / ((performance.now() - b0) / 1000))
      await pool.end()
      console.log(`jobs (b) round ${round + 1}: ${fmt(rates[round], 0)} jobs/s (baseline ${fmt(baseRates[round], 0)} jobs/s)`)
    }
    const rate = median(rates)
    console.log(`jobs (b) ${DRAIN} trivial jobs drained       ${fmt(rate, 0)} jobs/s  (median of ${ROUNDS}; target ≥ 100 → ${rate >= 100 ? 'met' : 'NOT met'})`)
    console.log(`jobs (b) baseline: bare SKIP LOCKED loop   ${fmt(median(baseRates), 0)} jobs/s  (ratio jobs/baseline ${fmt(rate / median(baseRates), 3)})`)
  } finally {
    await rt.stop()
  }

  // (c) kill -9 in the middle of a drain, restart, count.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-jobs-bench-kill-'))
  let run = runCli(['--data-dir', dataDir, '--port', '0', '--jobs-dir', dir])
  try {
    let ready = await run.ready
    let db = new pg.Client({ connectionString: ready.databaseUrl })
    await db.connect()
    await db.query('CREATE TABLE public.bench_done (job_id uuid NOT NULL, at timestamptz DEFAULT now()); GRANT ALL ON public.bench_done TO service_role')
    await db.query(`INSERT INTO jobs.queue (job_name, payload, max_retries) SELECT 'records', jsonb_build_object('n', i), 3 FROM generate_series(1, $1) i`, [DRAIN])
    await waitFor('the drain to be half done', 300_000, async () => (await db.query(`SELECT count(*)::int AS n FROM jobs.queue WHERE status = 'completed'`)).rows[0].n >= DRAIN / 2)
    await db.end()
    run.child.kill('SIGKILL')
    await run.exited
    run = runCli(['--data-dir', dataDir, '--port', '0', '--jobs-dir', dir])
    ready = await run.ready
    db = new pg.Client({ connectionString: ready.databaseUrl })
    await db.connect()
    await waitFor('the drain to finish after the restart', 300_000, async () => (await db.query(`SELECT count(*)::int AS n FROM jobs.queue WHERE status IN ('pending', 'running')`)).rows[0].n === 0)
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE retry_count > 0)::int AS requeued FROM jobs.queue`,
    )
    const runs = (await db.query(`SELECT count(*)::int AS n, count(DISTINCT job_id)::int AS distinct_jobs FROM public.bench_done`)).rows[0]
    await db.end()
    console.log(
      `jobs (c) kill -9 mid-drain, restart         completed ${rows[0].completed}/${DRAIN}, failed ${rows[0].failed}, queued again after the kill ${rows[0].requeued}; ` +
        `handler runs that wrote their row ${runs.n} for ${runs.distinct_jobs} jobs (${runs.n - runs.distinct_jobs} ran again: killed after writing, before being marked done)`,
    )
  } finally {
    if (run.child.exitCode === null) {
      run.child.kill('SIGTERM')
      await run.exited
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
