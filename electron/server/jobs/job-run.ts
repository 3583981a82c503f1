// jobs/job-run.ts — one claimed job, start to finish: tokens and environment in (contract §2.4), the run on a Deno
// worker with its timeout, a progress watchdog and live cancellation; progress, log lines (to the job's logs and
// the log bus) and the outcome (completed / retried / failed / cancelled) written back to the queue.
import type { ServerContext } from '../context.js'
import type { DenoPool } from '../deno/deno-pool.js'
import type { LogLevel } from '../deno/host-protocol.js'
import type { WorkerSpec } from '../deno/deno-worker.js'
import { identityFromClaims } from '../identity.js'
import { mintCallTokens } from '../functions/function-tokens.js'
import { secretsStoreFor } from '../functions/secrets-store.js'
import type { JobQueue, JobRow } from './job-queue.js'
import type { JobProgress, JobRunPayload, JobRunResult } from './deno-host/job-host-messages.js'

export interface JobRunInput {
  ctx: ServerContext
  queue: JobQueue
  pool: DenoPool
  job: JobRow
  workerId: string
  spec: WorkerSpec
  /** Aborted by a cancel request (or the watchdog, or the runtime stopping). */
  cancel: AbortController
  /** True once the runtime is stopping: the run is left as running, and the next start queues it again. */
  stopping(): boolean
}

/** After a cancel, the job has this long to notice checkCancellation() before its worker is stopped. */
export const CANCEL_GRACE_MS = 5000
/** Log lines are written to jobs.logs in batches, at most this often. */
const LOG_FLUSH_MS = 100

export async function runJob(input: JobRunInput): Promise<void> {
  const { ctx, queue, pool, job, workerId, spec, cancel } = input
  const owner = identityFromClaims(job.created_by ? { sub: job.created_by, role: job.user_role ?? 'authenticated', email: job.user_email ?? undefined } : { role: job.user_role ?? 'anon' })
  const tokens = await mintCallTokens(ctx.keys.secret, owner, job.id, job.max_duration_seconds)
  // The submitter's secrets, or the legacy ones only for a scheduled run (contract §2.4).
  const secrets = await secretsStoreFor(ctx).envFor(job.namespace, job.created_by, { cron: job.trigger_type === 'cron' })
  const payload: JobRunPayload = {
    env: {
      ...secrets,
      FLUXBASE_URL: ctx.apiUrl,
      FLUXBASE_JOB_TOKEN: tokens.user,
      FLUXBASE_SERVICE_TOKEN: tokens.service,
      FLUXBASE_JOB_ID: job.id,
      FLUXBASE_JOB_NAME: job.job_name,
      FLUXBASE_JOB_NAMESPACE: job.namespace,
      FLUXBASE_JOB_CANCELLED: 'false',
    },
    context: {
      job_id: job.id,
      job_name: job.job_name,
      namespace: job.namespace,
      retry_count: job.retry_count,
      payload: job.payload ?? {},
      user: job.created_by ? { id: job.created_by, email: job.user_email ?? undefined, role: job.user_role ?? 'authenticated' } : null,
    },
  }

  // Log lines: numbered by the queue, written in small batches so a chatty job costs few round trips.
  let pendingLines: Array<{ level: string; message: string }> = []
  let flushing: Promise<void> = Promise.resolve()
  let flushTimer: NodeJS.Timeout | undefined
  const flush = () => {
    flushTimer = undefined
    const lines = pendingLines
    pendingLines = []
    flushing = flushing.then(() => queue.appendLogs(job.id, lines)).catch(() => undefined)
  }
  const onLog = (level: LogLevel, message: string) => {
    ctx.logs.log({ category: 'execution', level, component: 'jobs', message, execution_id: job.id, fields: { job: job.job_name, job_id: job.id } })
    pendingLines.push({ level, message })
    flushTimer ??= setTimeout(flush, LOG_FLUSH_MS)
  }

  // A job silent for progress_timeout_seconds is stopped (contract §4.6; the start counts as progress).
  let lastProgress = Date.now()
  let stopReason: string | undefined
  const watchdog = setInterval(() => {
    if (Date.now() - lastProgress > job.progress_timeout_seconds * 1000 && !cancel.signal.aborted) {
      stopReason = `Progress timeout exceeded (${job.progress_timeout_seconds}s without progress)`
      cancel.abort()
    }
  }, Math.min(1000, job.progress_timeout_seconds * 250))
  watchdog.unref()

  const started = performance.now()
  let outcome
  try {
    outcome = await pool.run(job.job_name, spec, payload, {
      timeoutMs: job.max_duration_seconds * 1000,
      onLog,
      onEvent: (name, data) => {
        if (name !== 'progress') return
        lastProgress = Date.now()
        void queue.progress(job.id, workerId, data as JobProgress).catch(() => undefined)
      },
      cancel: cancel.signal,
      cancelGraceMs: CANCEL_GRACE_MS,
    })
  } finally {
    clearInterval(watchdog)
    if (flushTimer) clearTimeout(flushTimer)
    flush()
    await flushing
  }

  if (input.stopping()) return
  const cancelledByUser = cancel.signal.aborted && !stopReason
  let status: string
  if (cancelledByUser) {
    await queue.cancelled(job.id, workerId)
    status = 'cancelled'
  } else if (outcome.ok) {
    const result = outcome.payload as JobRunResult
    if ('completed' in result) {
      await queue.complete(job.id, workerId, result.completed)
      status = 'completed'
    } else {
      const message = 'failed' in result ? result.failed : 'thrown' in result ? result.thrown.message : result.hostError
      if ('thrown' in result && result.thrown.stack) await queue.appendLogs(job.id, [{ level: 'error', message: result.thrown.stack }])
      status = await queue.fail(job.id, workerId, message)
    }
  } else {
    status = await queue.fail(job.id, workerId, stopReason ?? outcome.message)
  }
  ctx.logs.log({
    category: 'execution',
    level: status === 'completed' || status === 'cancelled' ? 'info' : 'warn',
    component: 'jobs',
    message: `job ${job.job_name} ${status === 'pending' ? 'failed, retry queued' : status} in ${Math.round(performance.now() - started)} ms`,
    execution_id: job.id,
    fields: { job: job.job_name, job_id: job.id, status, attempt: job.retry_count + 1 },
  })
}
