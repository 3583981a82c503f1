// The durable queue against the real embedded PostgreSQL: claim order and SKIP LOCKED (no job twice), retries with
// backoff, cancellation, recovery after a killed runtime, bounded logs, and RLS on what users read.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { createJobQueue, type JobQueue, type NewJob } from '../../../electron/server/jobs/job-queue.js'
import { withIdentity } from '../../../electron/server/postgres/with-identity.js'
import { identityFromClaims } from '../../../electron/server/identity.js'

let rt: TestRuntime
let queue: JobQueue
const alice = '00000000-0000-4000-8000-00000000a11c'
const bob = '00000000-0000-4000-8000-000000000b0b'

function newJob(jobName: string, extra: Partial<NewJob> = {}): NewJob {
  return {
    namespace: 'default',
    jobName,
    payload: { n: 1 },
    priority: 0,
    scheduledAt: null,
    limits: { maxDurationSeconds: 60, progressTimeoutSeconds: 60, maxRetries: 0 },
    owner: { userId: alice, role: 'authenticated', email: 'alice@example.com', name: null },
    trigger: 'api',
    ...extra,
  }
}

beforeAll(async () => {
  rt = await startTestRuntime()
  queue = createJobQueue(rt.ctx.pools.api)
})
afterAll(async () => {
  await rt?.stop()
})

describe('job queue', () => {
  test('claims by priority, then age; only the job names given; never a job not yet due', async () => {
    const low = await queue.submit(newJob('q-order'))
    const high = await queue.submit(newJob('q-order', { priority: 5 }))
    await queue.submit(newJob('q-order', { scheduledAt: new Date(Date.now() + 60_000) }))
    await queue.submit(newJob('q-other'))
    expect((await queue.claim('w1', ['q-order']))?.id).toBe(high.id)
    const second = await queue.claim('w1', ['q-order'])
    expect(second).toMatchObject({ id: low.id, status: 'running', worker_id: 'w1' })
    expect(await queue.claim('w1', ['q-order'])).toBeUndefined()
    expect(await queue.claim('w1', [])).toBeUndefined()
  })

  test('eight concurrent claimers take 200 jobs, each exactly once', async () => {
    for (let i = 0; i < 200; i++) await queue.submit(newJob('q-race', { payload: { i } }))
    const taken: string[] = []
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (;;) {
          const job = await queue.claim(`race-${w}`, ['q-race'])
          if (!job) return
          taken.push(job.id)
          await queue.complete(job.id, `race-${w}`, { ok: true })
        }
      }),
    )
    expect(taken).toHaveLength(200)
    expect(new Set(taken).size).toBe(200)
    const { rows } = await rt.admin.query(`SELECT count(*)::int AS n FROM jobs.queue WHERE job_name = 'q-race' AND status = 'completed'`)
    expect(rows[0].n).toBe(200)
  })

  test('a failure with retries left goes back to pending after a backoff; the last one fails with the message', async () => {
    const job = await queue.submit(newJob('q-retry', { limits: { maxDurationSeconds: 60, progressTimeoutSeconds: 60, maxRetries: 1 } }))
    await queue.claim('w', ['q-retry'])
    expect(await queue.fail(job.id, 'w', 'boom 1')).toBe('pending')
    const { rows } = await rt.admin.query(`SELECT status, retry_count, error_message, scheduled_at > now() AS later FROM jobs.queue WHERE id = $1`, [job.id])
    expect(rows[0]).toEqual({ status: 'pending', retry_count: 1, error_message: 'boom 1', later: true })
    // Not claimable until the backoff has passed.
    expect(await queue.claim('w', ['q-retry'])).toBeUndefined()
    await rt.admin.query(`UPDATE jobs.queue SET scheduled_at = now() WHERE id = $1`, [job.id])
    await queue.claim('w', ['q-retry'])
    expect(await queue.fail(job.id, 'w', 'boom 2')).toBe('failed')
    const after = await rt.admin.query(`SELECT status, retry_count, error_message, completed_at IS NOT NULL AS done FROM jobs.queue WHERE id = $1`, [job.id])
    expect(after.rows[0]).toEqual({ status: 'failed', retry_count: 1, error_message: 'boom 2', done: true })
    // A manual retry of a failed job requeues it; of a pending one is refused.
    expect((await queue.retry(job.id))?.status).toBe('pending')
    expect(await queue.retry(job.id)).toBeUndefined()
  })

  test('cancel: a pending job at once, a running one by request; a finished one is not cancellable', async () => {
    const pending = await queue.submit(newJob('q-cancel'))
    expect((await queue.requestCancel(pending.id))?.status).toBe('cancelled')
    const running = await queue.submit(newJob('q-cancel'))
    await queue.claim('w', ['q-cancel'])
    expect(await queue.cancelRequested(running.id)).toBe(false)
    expect((await queue.requestCancel(running.id))?.status).toBe('running')
    expect(await queue.cancelRequested(running.id)).toBe(true)
    await queue.cancelled(running.id, 'w')
    expect(await queue.requestCancel(running.id)).toBeUndefined()
  })

  test("a killed runtime's runs: requeued (counted) while retries remain, else failed; the live worker's are untouched", async () => {
    // Runs the earlier tests left claimed are not part of this case.
    await rt.admin.query(`UPDATE jobs.queue SET status = 'completed' WHERE status = 'running'`)
    const limits = { maxDurationSeconds: 60, progressTimeoutSeconds: 60, maxRetries: 2 }
    const retryable = await queue.submit(newJob('q-recover', { limits }))
    const noRetries = await queue.submit(newJob('q-recover'))
    const live = await queue.submit(newJob('q-recover-live'))
    await queue.claim('old-runtime:1', ['q-recover'])
    await queue.claim('old-runtime:2', ['q-recover'])
    await queue.claim('this-runtime:1', ['q-recover-live'])
    expect(await queue.recoverInterrupted('this-runtime:')).toEqual({ requeued: 1, failed: 1 })
    const { rows } = await rt.admin.query(`SELECT id, status, retry_count, error_message FROM jobs.queue WHERE id = ANY($1)`, [[retryable.id, noRetries.id, live.id]])
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]))
    expect(byId[retryable.id]).toMatchObject({ status: 'pending', retry_count: 1 })
    expect(byId[noRetries.id].status).toBe('failed')
    expect(byId[noRetries.id].error_message).toMatch(/interrupted/)
    expect(byId[live.id].status).toBe('running')
  })

  test('progress and the result are stored; logs are numbered and capped', async () => {
    const job = await queue.submit(newJob('q-progress'))
    await queue.claim('w', ['q-progress'])
    await queue.progress(job.id, 'w', { percent: 40, message: 'reading', data: { rows: 4 } })
    await queue.appendLogs(job.id, [
      { level: 'info', message: 'one' },
      { level: 'error', message: 'two' },
    ])
    await queue.appendLogs(job.id, [{ level: 'info', message: 'three' }])
    await queue.complete(job.id, 'w', [1, 'any JSON'])
    const { rows } = await rt.admin.query(`SELECT status, result, progress FROM jobs.queue WHERE id = $1`, [job.id])
    expect(rows[0]).toEqual({ status: 'completed', result: [1, 'any JSON'], progress: { percent: 100, message: 'reading', data: { rows: 4 } } })
    const logs = await rt.admin.query(`SELECT line_number, level, message FROM jobs.logs WHERE job_id = $1 ORDER BY line_number`, [job.id])
    expect(logs.rows).toEqual([
      { line_number: 0, level: 'info', message: 'one' },
      { line_number: 1, level: 'error', message: 'two' },
      { line_number: 2, level: 'info', message: 'three' },
    ])
  })

  test('RLS: a user reads only their own jobs and their logs; service_role reads all', async () => {
    const mine = await queue.submit(newJob('q-rls'))
    const bobs = await queue.submit(newJob('q-rls', { owner: { userId: bob, role: 'authenticated', email: 'bob@example.com', name: null } }))
    await queue.appendLogs(bobs.id, [{ level: 'info', message: 'secret of bob' }])
    const asUser = (sub: string) => identityFromClaims({ sub, role: 'authenticated' })
    const read = (sub: string | null, sql: string) =>
      withIdentity(rt.ctx.pools.api, sub ? asUser(sub) : identityFromClaims({ role: 'service_role' }), async (c) => (await c.query(sql)).rows)
    const aliceSees = await read(alice, `SELECT id FROM jobs.queue WHERE job_name = 'q-rls'`)
    expect(aliceSees.map((r) => r.id)).toEqual([mine.id])
    expect(await read(alice, `SELECT message FROM jobs.logs`)).not.toContainEqual({ message: 'secret of bob' })
    expect(await read(bob, `SELECT message FROM jobs.logs`)).toContainEqual({ message: 'secret of bob' })
    expect((await read(null, `SELECT id FROM jobs.queue WHERE job_name = 'q-rls'`)).length).toBe(2)
    // Users cannot write the queue directly: the runtime decides what a job is.
    await expect(read(alice, `UPDATE jobs.queue SET status = 'completed'`)).rejects.toThrow(/permission denied/)
  })
})
