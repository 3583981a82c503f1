// The studio's Functions and Jobs views' routes (/studio/api/functions, /studio/api/jobs, /studio/api/compute) on
// real Deno and the real database: the studio token is required (the service key is not enough); the lists carry
// state, error location, annotations, schedules and last invocations; a token minted by call-as drives the real
// invoke and submit endpoints as that user, and the views then show those calls with their log lines; bad input
// answers 4xx with words; a runtime without the folders says how to turn them on.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { newUser, studio, type Reply, type Session } from '../auth/auth-client.js'

const FUNCTIONS: Record<string, string> = {
  'whoami.ts': `// @fluxbase:cors-origins https://app.example
// @fluxbase:rate-limit 100/min
export async function handler(req) {
  console.log('called by', req.user?.email ?? 'nobody')
  return { id: req.user?.id ?? null, role: req.user?.role ?? null }
}`,
  'broken.ts': `export function handler( { return 1`,
  'off.ts': `// @fluxbase:disabled
export function handler() { return 'off' }`,
}

const JOBS: Record<string, string> = {
  'count.ts': `export async function handler(req, fluxbase, service, job) {
  const { n } = await req.json()
  job.reportProgress(50, 'half way')
  console.log('counting to', n)
  return { n }
}`,
  'wait.ts': `export async function handler(req, a, b, job) {
  while (!job.checkCancellation()) await new Promise((r) => setTimeout(r, 50))
  return 'stopped'
}`,
  'nightly.ts': `// @fluxbase:schedule 0 2 * * *
export function main(payload) { return payload }`,
  'bad-job.ts': `export function handler( {`,
}

let rt: TestRuntime
let fnDir: string
let jobsDir: string
let alice: Session
let call: ReturnType<typeof studio>

function writeAll(dir: string, files: Record<string, string>) {
  for (const [file, code] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), code)
}

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await get()
    if (ok(v)) return v
    if (Date.now() > deadline) throw new Error(`${what} did not happen in time: ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A real request to the API with the headers call-as returned (as the view will send them). */
async function asIdentity(headers: Record<string, string>, method: string, pathAndQuery: string, body?: unknown): Promise<Reply> {
  const res = await fetch(rt.info.apiUrl + pathAndQuery, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: res.headers }
}

beforeAll(async () => {
  fnDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-view-fn-'))
  jobsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-view-jobs-'))
  writeAll(fnDir, FUNCTIONS)
  writeAll(jobsDir, JOBS)
  rt = await startTestRuntime({ functionsDir: fnDir, jobsDir })
  call = studio(rt)
  alice = await newUser(rt, 'alice-views@example.com')
}, 120_000)

afterAll(async () => {
  await rt?.stop()
  for (const d of [fnDir, jobsDir]) if (d) fs.rmSync(d, { recursive: true, force: true })
})

describe('studio token', () => {
  test.each([
    ['GET', '/studio/api/compute'],
    ['POST', '/studio/api/compute/call-as'],
    ['GET', '/studio/api/functions'],
    ['GET', '/studio/api/functions/whoami/executions'],
    ['GET', '/studio/api/jobs/functions'],
    ['GET', '/studio/api/jobs/queue'],
  ])('%s %s refuses the service key and no token', async (method, url) => {
    for (const token of [rt.info.serviceRoleKey, '']) {
      const r = await call(method, url, method === 'POST' ? { as: 'anon' } : undefined, token)
      expect(r.status).toBe(401)
      expect((r.body as { error: string }).error).toMatch(/studio token/)
    }
  })
})

describe('functions view', () => {
  test('the list: loaded, error with file:line, disabled; source path and annotations', async () => {
    const list = await until('broken reported', () => call<{ enabled: boolean; functions: Array<Record<string, unknown>> }>('GET', '/studio/api/functions'), (r) =>
      r.body.functions.some((f) => f.name === 'broken' && f.state === 'error'),
    )
    expect(list.body.enabled).toBe(true)
    const byName = Object.fromEntries(list.body.functions.map((f) => [f.name, f]))
    expect(Object.keys(byName).sort()).toEqual(['broken', 'off', 'whoami'])
    expect(byName.broken.error).toMatchObject({ location: expect.stringMatching(/^broken\.ts:1:\d+$/) })
    expect(byName.off).toMatchObject({ state: 'disabled', enabled: false })
    expect(byName.whoami).toMatchObject({ source_path: 'whoami.ts', cors_origins: 'https://app.example', rate_limit_per_minute: 100, invoke_path: '/api/v1/functions/whoami/invoke', recent_executions: [] })
  })

  test('call-as a user drives the real invoke endpoint; the view shows the call and its log lines', async () => {
    const as = await call<{ role: string; user: { id: string }; headers: Record<string, string>; access_token: string }>('POST', '/studio/api/compute/call-as', { as: 'user', user_id: alice.user.id })
    expect(as.status).toBe(200)
    expect(as.body).toMatchObject({ role: 'authenticated', user: { id: alice.user.id } })
    const invoked = await asIdentity(as.body.headers, 'POST', '/api/v1/functions/whoami/invoke', { hi: 1 })
    expect(invoked.body).toEqual({ id: alice.user.id, role: 'authenticated' })
    const executionId = invoked.headers.get('x-execution-id')!

    const anon = await call<{ headers: Record<string, string> }>('POST', '/studio/api/compute/call-as', { as: 'anon' })
    expect((await asIdentity(anon.body.headers, 'POST', '/api/v1/functions/whoami/invoke', {})).body).toEqual({ id: null, role: null })
    const service = await call<{ role: string; headers: Record<string, string> }>('POST', '/studio/api/compute/call-as', { as: 'service_role' })
    expect(service.body.role).toBe('service_role')
    const asService = await asIdentity(service.body.headers, 'GET', '/api/v1/admin/jobs/stats')
    expect(asService.status).toBe(200)

    const one = await call<{ recent_executions: Array<Record<string, unknown>> }>('GET', '/studio/api/functions/whoami')
    expect(one.body.recent_executions).toHaveLength(2)
    expect(one.body.recent_executions[1]).toMatchObject({ id: executionId, status: 'success', status_code: 200, user_id: alice.user.id, duration_ms: expect.any(Number) })

    const page = await call<{ executions: Array<{ id: string }>; count: number }>('GET', '/studio/api/functions/whoami/executions?limit=1&offset=1')
    expect(page.body).toMatchObject({ count: 2, limit: 1, offset: 1 })
    expect(page.body.executions.map((e) => e.id)).toEqual([executionId])

    const detail = await call<{ execution: { id: string }; entries: Array<{ message: string; line_number: number }> }>('GET', `/studio/api/functions/whoami/executions/${executionId}`)
    expect(detail.body.execution.id).toBe(executionId)
    expect(detail.body.entries.map((l) => l.message)).toEqual(['called by alice-views@example.com'])
    const after = await call<{ entries: unknown[] }>('GET', `/studio/api/functions/whoami/executions/${executionId}?after_line=0`)
    expect(after.body.entries).toEqual([])
  })

  test('bad input: 4xx with words', async () => {
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      ['GET', '/studio/api/functions/nope', undefined, 404, /no function "nope"/],
      ['GET', '/studio/api/functions/a.b', undefined, 400, /not a function name/],
      ['GET', '/studio/api/functions/whoami/executions?status=done', undefined, 400, /status must be one of running, success, error/],
      ['GET', '/studio/api/functions/whoami/executions?limit=ten', undefined, 400, /limit must be an integer/],
      ['GET', '/studio/api/functions/whoami/executions/00000000-0000-0000-0000-000000000000', undefined, 404, /not found/],
      ['POST', '/studio/api/compute/call-as', { as: 'root' }, 400, /as/],
      ['POST', '/studio/api/compute/call-as', { as: 'user', user_id: 'alice' }, 400, /user_id must be a user id/],
      ['POST', '/studio/api/compute/call-as', { as: 'user', user_id: '00000000-0000-0000-0000-000000000000' }, 404, /not found/],
    ]
    for (const [method, url, body, status, words] of cases) {
      const r = await call<{ error: string }>(method, url, body)
      expect({ url, status: r.status }).toEqual({ url, status })
      expect(r.body.error).toMatch(words)
    }
  })
})

describe('jobs view', () => {
  type Job = { id: string; status: string; job_name: string; created_by?: string; progress_percent?: number }

  test('job functions with state, error and schedule', async () => {
    const r = await until('bad-job reported', () => call<Array<Record<string, unknown>>>('GET', '/studio/api/jobs/functions'), (r) => r.body.some?.((f) => f.name === 'bad-job' && f.state === 'error'))
    const byName = Object.fromEntries(r.body.map((f) => [f.name, f]))
    expect(byName.nightly).toMatchObject({ state: 'loaded', schedule: '0 2 * * *', next_run_at: expect.any(String) })
    expect(byName['bad-job'].error).toBeTruthy()
    expect(byName.count).toMatchObject({ state: 'loaded', schedule: null })
  })

  test('submit as a user through the real endpoint; the queue filters and pages; one job, its progress and logs', async () => {
    const as = await call<{ headers: Record<string, string> }>('POST', '/studio/api/compute/call-as', { as: 'user', user_id: alice.user.id })
    const ids: string[] = []
    for (const n of [1, 2, 3]) {
      const r = await asIdentity(as.body.headers, 'POST', '/api/v1/jobs/submit', { job_name: 'count', payload: { n } })
      expect(r.status).toBe(201)
      ids.push((r.body as Job).id)
    }
    for (const id of ids) await until(`job ${id}`, () => call<Job>('GET', `/studio/api/jobs/queue/${id}`), (r) => r.body.status === 'completed')
    const page = await call<{ jobs: Job[]; total: number; limit: number; offset: number }>('GET', '/studio/api/jobs/queue?job_name=count&status=completed&limit=2&offset=1')
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 })
    expect(page.body.jobs.map((j) => j.id)).toEqual([ids[1], ids[0]])
    const one = await call<Job>('GET', `/studio/api/jobs/queue/${ids[2]}`)
    expect(one.body).toMatchObject({ created_by: alice.user.id, progress_percent: 100 })
    const logs = await call<{ logs: Array<{ message: string }> }>('GET', `/studio/api/jobs/queue/${ids[2]}/logs`)
    expect(logs.body.logs.map((l) => l.message)).toContain('counting to 3')
  })

  test('cancel and retry from the studio', async () => {
    const run = await call<Job>('POST', '/studio/api/jobs/functions/default/wait/run', {})
    expect(run.status).toBe(201)
    await until('running', () => call<Job>('GET', `/studio/api/jobs/queue/${run.body.id}`), (r) => r.body.status === 'running')
    expect((await call('POST', `/studio/api/jobs/queue/${run.body.id}/cancel`)).status).toBe(200)
    await until('cancelled', () => call<Job>('GET', `/studio/api/jobs/queue/${run.body.id}`), (r) => r.body.status === 'cancelled' || r.body.status === 'completed')
    const retried = await call<Job>('POST', `/studio/api/jobs/queue/${run.body.id}/retry`)
    expect(retried.status).toBe(200)
    expect(retried.body.status).toBe('pending')
    await call('POST', `/studio/api/jobs/queue/${run.body.id}/cancel`)
  })

  test('bad input: 4xx with words', async () => {
    const cases: Array<[string, string, number, RegExp]> = [
      ['GET', '/studio/api/jobs/queue?status=finished', 400, /status must be one of pending, running/],
      ['GET', '/studio/api/jobs/queue?offset=-1', 400, /offset must be an integer/],
      ['GET', '/studio/api/jobs/queue/123', 400, /not a job id/],
      ['GET', '/studio/api/jobs/queue/00000000-0000-0000-0000-000000000000/logs', 404, /not found/i],
      ['GET', '/studio/api/jobs/functions/default/nope', 404, /no job function default\/nope/],
    ]
    for (const [method, url, status, words] of cases) {
      const r = await call<{ error: string }>(method, url)
      expect({ url, status: r.status }).toEqual({ url, status })
      expect(r.body.error).toMatch(words)
    }
  })
})

describe('a runtime without functions or jobs folders', () => {
  test('the views learn how to turn them on', async () => {
    const bare = await startTestRuntime()
    try {
      const c = studio(bare)
      const compute = await c<{ functions: { enabled: boolean; hint: string }; jobs: { enabled: boolean; hint: string }; anon_key: string }>('GET', '/studio/api/compute')
      expect(compute.body.functions).toMatchObject({ enabled: false, hint: expect.stringMatching(/--functions-dir/) })
      expect(compute.body.jobs).toMatchObject({ enabled: false, hint: expect.stringMatching(/--jobs-dir/) })
      expect(compute.body.anon_key).toBe(bare.info.anonKey)
      expect((await c('GET', '/studio/api/functions')).body).toMatchObject({ enabled: false, functions: [] })
      const jobs = await c<{ error: string }>('GET', '/studio/api/jobs/queue')
      expect(jobs.status).toBe(404)
      expect(jobs.body.error).toMatch(/--jobs-dir/)
    } finally {
      await bare.stop()
    }
  }, 120_000)
})
