// Jobs end to end on real Deno and the real database, through the SDK's endpoints: submit → pending → running
// (progress) → completed with its result; both handler forms; retries with backoff; timeout; live cancellation;
// a schedule firing on a clock the test moves; RLS on reads; a job function that does not load; bad input.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { newUser, sdk, type Session } from '../auth/auth-client.js'
import { jobsServiceOf } from '../../../electron/server/jobs/jobs-routes.js'
import { connect, quiet } from '../realtime/ws-client.js'

const JOBS: Record<string, string> = {
  'echo.ts': `export async function handler(req, fluxbase, fluxbaseService, job) {
  const body = await req.json()
  job.reportProgress(50, 'half way', { seen: body.n })
  console.log('working on', body.n)
  return { doubled: body.n * 2, same: job.getJobPayload().n === body.n, ctx: job.getJobContext().job_name }
}`,
  'main-form.ts': `export function main(payload) { return [payload.a, 'any JSON'] }`,
  'flaky.ts': `// @fluxbase:max-retries 2
export function handler(req, a, b, job) {
  if (job.getJobContext().retry_count === 0) throw new Error('the first attempt fails')
  return { attempt: job.getJobContext().retry_count }
}`,
  'slow.ts': `// @fluxbase:timeout 2
export async function handler() { await new Promise((r) => setTimeout(r, 60_000)) }`,
  'cancellable.ts': `export async function handler(req, a, b, job) {
  for (let i = 0; i < 600; i++) {
    if (job.checkCancellation()) return { stopped_at: i }
    job.reportProgress(i % 100, 'step ' + i)
    await new Promise((r) => setTimeout(r, 50))
  }
  return { finished: true }
}`,
  'reads-posts.ts': `export async function handler(req, fluxbase) {
  const { data, error } = await fluxbase.from('job_posts').select('title').order('title')
  if (error) throw new Error(error.message)
  return data.map((r) => r.title)
}`,
  'offline.ts': `// @fluxbase:allow-net false
export async function handler(req, fluxbase) {
  const { data, error } = await fluxbase.from('job_posts').select('title').order('title')
  if (error) throw new Error(error.message)
  let outside = 'reached'
  try { await fetch('http://127.0.0.1:5999/') } catch (e) { outside = e.name }
  return { titles: data.length, outside }
}`,
  'asks-ai.ts': `export async function handler(req, a, b, job) {
  const listed = await job.ai.listProviders()
  try { await job.ai.chat({ messages: [{ role: 'user', content: 'hi' }] }) } catch (e) { return { listed, chat: e.message } }
  return { listed, chat: 'answered' }
}`,
  'nightly.ts': `/**
 * @fluxbase:schedule 0 2 * * *
 * @fluxbase:schedule-params {"region":"eu"}
 */
export function main(payload) { return payload }`,
  'broken.ts': `export function handler( { return 1`,
}

let rt: TestRuntime
let dir: string
let now = new Date('2026-12-07T01:59:00Z')
let alice: Session
let bob: Session

type Job = Record<string, unknown> & { id: string; status: string }

async function submit(body: Record<string, unknown>, token?: string) {
  return sdk(rt).call<Job & { error?: string }>('POST', '/api/v1/jobs/submit', body, token)
}

async function until(id: string, token: string | undefined, done: (job: Job) => boolean, timeoutMs = 30_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const r = await sdk(rt).call<Job>('GET', `/api/v1/jobs/${id}`, undefined, token)
    if (r.status === 200 && done(r.body)) return r.body
    if (Date.now() > deadline) throw new Error(`job ${id} did not get there in time: ${JSON.stringify(r.body)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-jobs-'))
  for (const [file, code] of Object.entries(JOBS)) fs.writeFileSync(path.join(dir, file), code)
  rt = await startTestRuntime({ jobsDir: dir, jobsClock: () => now })
  alice = await newUser(rt, 'alice-jobs@example.com')
  bob = await newUser(rt, 'bob-jobs@example.com')
  await rt.admin.query(`CREATE TABLE public.job_posts (id serial PRIMARY KEY, owner uuid NOT NULL, title text NOT NULL);
    ALTER TABLE public.job_posts ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own ON public.job_posts FOR SELECT TO authenticated USING (owner = auth.uid());
    GRANT SELECT ON public.job_posts TO authenticated;`)
  await rt.admin.query(`INSERT INTO public.job_posts (owner, title) VALUES ($1, 'alice 1'), ($1, 'alice 2'), ($2, 'bob 1')`, [alice.user.id, bob.user.id])
}, 120_000)

afterAll(async () => {
  await rt?.stop()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

describe('jobs on Deno', () => {
  test('submit → completed, with progress, its result, its logs; the owner is the submitter', async () => {
    const r = await submit({ job_name: 'echo', payload: { n: 21 } }, alice.access_token)
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ job_name: 'echo', status: 'pending', created_by: alice.user.id, user_email: 'alice-jobs@example.com', payload: '{"n":21}' })
    const done = await until(r.body.id, alice.access_token, (j) => j.status === 'completed')
    expect(JSON.parse(done.result as string)).toEqual({ doubled: 42, same: true, ctx: 'echo' })
    expect(done.progress_percent).toBe(100)
    expect(done.progress_message).toBe('half way')
    const logs = await sdk(rt).call<{ logs: Array<{ message: string; line_number: number }>; count: number }>('GET', `/api/v1/jobs/${r.body.id}/logs`, undefined, alice.access_token)
    expect(logs.body.logs.map((l) => l.message)).toContain('working on 21')
  })

  test('main(payload) form, any JSON value as the result', async () => {
    const r = await submit({ job_name: 'main-form', payload: { a: 7 } }, alice.access_token)
    const done = await until(r.body.id, alice.access_token, (j) => j.status === 'completed')
    expect(JSON.parse(done.result as string)).toEqual([7, 'any JSON'])
  })

  test('a failure is retried after a backoff, and the retry succeeds', async () => {
    const r = await submit({ job_name: 'flaky' }, alice.access_token)
    const done = await until(r.body.id, alice.access_token, (j) => j.status === 'completed' || j.status === 'failed')
    expect(done).toMatchObject({ status: 'completed', retry_count: 1, max_retries: 2 })
    expect(JSON.parse(done.result as string)).toEqual({ attempt: 1 })
  })

  test('the timeout annotation stops a run and fails the job with the limit named', async () => {
    const r = await submit({ job_name: 'slow' }, alice.access_token)
    const done = await until(r.body.id, alice.access_token, (j) => j.status === 'failed')
    expect(done.error_message).toMatch(/timeout after 2s/i)
  })

  test('cancel reaches the running job: checkCancellation() turns true and the job ends as cancelled', async () => {
    const r = await submit({ job_name: 'cancellable' }, alice.access_token)
    await until(r.body.id, alice.access_token, (j) => j.status === 'running' && Number(j.progress_percent ?? 0) > 0)
    const c = await sdk(rt).call('POST', `/api/v1/jobs/${r.body.id}/cancel`, undefined, alice.access_token)
    expect(c).toMatchObject({ status: 200, body: { message: 'Job cancelled' } })
    const done = await until(r.body.id, alice.access_token, (j) => j.status !== 'running', 10_000)
    expect(done.status).toBe('cancelled')
    // Finished: not cancellable again; a cancelled job can be retried.
    const again = await sdk(rt).call('POST', `/api/v1/jobs/${r.body.id}/cancel`, undefined, alice.access_token)
    expect(again).toMatchObject({ status: 400, body: { error: 'Job cannot be cancelled', status: 'cancelled' } })
  })

  test("progress reaches the owner over realtime (postgres_changes on jobs.queue), without payload or result; not bob", async () => {
    const mine = await connect(rt.info.apiUrl, alice.access_token)
    const bobs = await connect(rt.info.apiUrl, bob.access_token)
    try {
      expect((await mine.subscribe({ schema: 'jobs', table: 'queue', event: 'UPDATE' })).type).toBe('ack')
      expect((await bobs.subscribe({ schema: 'jobs', table: 'queue', event: 'UPDATE' })).type).toBe('ack')
      const r = await submit({ job_name: 'echo', payload: { n: 5 } }, alice.access_token)
      const update = await mine.next((f) => f.type === 'postgres_changes' && f.payload.record?.id === r.body.id && f.payload.record?.progress?.percent === 50, 'a progress update', 20_000)
      expect(update.payload.record.progress.message).toBe('half way')
      expect(update.payload.record).not.toHaveProperty('payload')
      await mine.next((f) => f.type === 'postgres_changes' && f.payload.record?.id === r.body.id && f.payload.record?.status === 'completed', 'the completion', 20_000)
      expect(mine.changes('queue').some((c) => 'result' in c.record)).toBe(false)
      await quiet(300)
      expect(bobs.changes('queue').filter((c) => c.record?.id === r.body.id)).toEqual([])
    } finally {
      mine.close()
      bobs.close()
    }
  })

  test("RLS: bob cannot see, list, cancel or read the logs of alice's job; service role sees it", async () => {
    const r = await submit({ job_name: 'main-form', payload: { a: 1 } }, alice.access_token)
    await until(r.body.id, alice.access_token, (j) => j.status === 'completed')
    for (const [method, p] of [['GET', ''], ['POST', '/cancel'], ['POST', '/retry'], ['GET', '/logs']] as const) {
      const res = await sdk(rt).call(method, `/api/v1/jobs/${r.body.id}${p}`, undefined, bob.access_token)
      expect(res.status).toBe(404)
    }
    const list = await sdk(rt).call<{ jobs: Job[] }>('GET', '/api/v1/jobs?limit=1000', undefined, bob.access_token)
    expect(list.body.jobs.map((j) => j.id)).not.toContain(r.body.id)
    const asService = await rt.api(`/api/v1/jobs/${r.body.id}`)
    expect(asService.status).toBe(200)
    const anon = await sdk(rt).call('GET', `/api/v1/jobs/${r.body.id}`)
    expect(anon.status).toBe(404)
  })

  test("the job's user client runs under RLS as the submitter", async () => {
    const r = await submit({ job_name: 'reads-posts' }, alice.access_token)
    const done = await until(r.body.id, alice.access_token, (j) => j.status === 'completed' || j.status === 'failed')
    expect(done.error_message).toBeUndefined()
    expect(JSON.parse(done.result as string)).toEqual(['alice 1', 'alice 2'])
  })

  test("allow-net false keeps the job off the network but not off the runtime's own API", async () => {
    const r = await submit({ job_name: 'offline' }, alice.access_token)
    const done = await until(r.body.id, alice.access_token, (j) => j.status === 'completed' || j.status === 'failed')
    expect(done.error_message).toBeUndefined()
    expect(JSON.parse(done.result as string)).toEqual({ titles: 2, outside: 'NotCapable' })
  })

  test('job.ai: no providers locally, and chat fails with words naming why', async () => {
    const r = await submit({ job_name: 'asks-ai' }, alice.access_token)
    const done = await until(r.body.id, alice.access_token, (j) => j.status === 'completed' || j.status === 'failed')
    const result = JSON.parse(done.result as string)
    expect(result.listed).toEqual({ providers: [] })
    expect(result.chat).toMatch(/^AI chat failed: 501 .*AI_NOT_CONFIGURED.*runs offline/)
    expect((await sdk(rt).call('POST', '/api/v1/internal/ai/chat', {}, alice.access_token)).status).toBe(403)
  })

  test('a schedule fires at its UTC time on the moved clock, with its params, and runs', async () => {
    const service = jobsServiceOf(rt.ctx)!
    expect(service.scheduler.list().find((s) => s.jobName === 'nightly')?.nextRunAt?.toISOString()).toBe('2026-12-07T02:00:00.000Z')
    now = new Date('2026-12-07T02:00:00.500Z')
    await service.scheduler.tick()
    const { rows } = await rt.admin.query(`SELECT id FROM jobs.queue WHERE job_name = 'nightly' AND trigger_type = 'cron'`)
    expect(rows).toHaveLength(1)
    // A cron run has no user: only service role sees it.
    const done = await until(rows[0].id, rt.info.serviceRoleKey, (j) => j.status === 'completed')
    expect(JSON.parse(done.result as string)).toEqual({ _trigger: 'cron', _scheduled_at: '2026-12-07T02:00:00.000Z', region: 'eu' })
  })

  test("a job function that does not load is marked with its error, and its jobs wait instead of failing", async () => {
    const service = jobsServiceOf(rt.ctx)!
    expect(service.catalog.get('broken')?.state).toBe('error')
    expect(service.catalog.get('broken')?.error?.message).toMatch(/broken\.ts/)
    const r = await submit({ job_name: 'broken' }, alice.access_token)
    expect(r.status).toBe(201)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect((await sdk(rt).call<Job>('GET', `/api/v1/jobs/${r.body.id}`, undefined, alice.access_token)).body.status).toBe('pending')
  })

  test('bad input: each refused with words, nothing queued', async () => {
    const before = (await rt.admin.query('SELECT count(*)::int AS n FROM jobs.queue')).rows[0].n
    expect(await submit({ job_name: 'nope' }, alice.access_token)).toMatchObject({ status: 404, body: { error: 'Job function not found', job: 'nope' } })
    expect((await submit({}, alice.access_token)).status).toBe(400)
    expect((await submit({ job_name: 'echo', payload: { big: 'x'.repeat(1_100_000) } }, alice.access_token)).status).toBe(413)
    expect((await submit({ job_name: 'echo', on_behalf_of: { user_id: bob.user.id } }, alice.access_token)).status).toBe(403)
    expect((await sdk(rt).call('GET', '/api/v1/jobs/not-a-uuid', undefined, alice.access_token)).status).toBe(400)
    expect((await sdk(rt).call('POST', '/api/v1/jobs/submit', { job_name: 'echo' }, 'not.a.token')).status).toBe(401)
    expect((await rt.admin.query('SELECT count(*)::int AS n FROM jobs.queue')).rows[0].n).toBe(before)
  })

  test('service role submits on behalf of a user, who then owns the job', async () => {
    const r = await submit({ job_name: 'main-form', payload: { a: 2 }, on_behalf_of: { user_id: bob.user.id } }, rt.info.serviceRoleKey)
    expect(r.status).toBe(201)
    expect(r.body.created_by).toBe(bob.user.id)
    await until(r.body.id, bob.access_token, (j) => j.status === 'completed')
  })
})

describe('job administration (service role)', () => {
  test('job functions with schedule and state; run a schedule now; pause it; stats; workers; a user is refused', async () => {
    const fns = (await (await rt.api('/api/v1/admin/jobs/functions')).json()) as Array<Record<string, unknown>>
    const nightly = fns.find((f) => f.name === 'nightly')!
    expect(nightly).toMatchObject({ schedule: '0 2 * * *', schedule_params: { region: 'eu' }, state: 'loaded', schedule_paused: false, require_roles: [], require_role: [] })
    expect(fns.find((f) => f.name === 'broken')).toMatchObject({ state: 'error' })

    const run = await rt.api('/api/v1/admin/jobs/functions/default/nightly/run', { method: 'POST', body: JSON.stringify({}) })
    expect(run.status).toBe(201)
    const job = (await run.json()) as Job
    const done = await until(job.id, rt.info.serviceRoleKey, (j) => j.status === 'completed')
    expect(JSON.parse(done.result as string)).toMatchObject({ _trigger: 'manual', region: 'eu' })

    const pause = await rt.api('/api/v1/admin/jobs/functions/default/nightly/schedule', { method: 'POST', body: JSON.stringify({ paused: true }) })
    expect(await pause.json()).toMatchObject({ schedule_paused: true, next_run_at: null })
    expect((await rt.api('/api/v1/admin/jobs/functions/default/echo/schedule', { method: 'POST', body: JSON.stringify({ paused: true }) })).status).toBe(400)
    await rt.api('/api/v1/admin/jobs/functions/default/nightly/schedule', { method: 'POST', body: JSON.stringify({ paused: false }) })

    const stats = (await (await rt.api('/api/v1/admin/jobs/stats')).json()) as Record<string, number>
    expect(stats.completed_jobs).toBeGreaterThan(3)
    expect(stats.completed).toBe(stats.completed_jobs)
    const workers = (await (await rt.api('/api/v1/admin/jobs/workers')).json()) as unknown[]
    expect(workers.length).toBe(jobsServiceOf(rt.ctx)!.workerCount)
    const queue = (await (await rt.api('/api/v1/admin/jobs/queue?status=completed&limit=5')).json()) as { jobs: Job[] }
    expect(queue.jobs.length).toBe(5)

    expect((await sdk(rt).call('GET', '/api/v1/admin/jobs/functions', undefined, alice.access_token)).status).toBe(403)
  })
})
