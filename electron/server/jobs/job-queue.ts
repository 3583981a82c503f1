// jobs/job-queue.ts — the durable queue in PostgreSQL (jobs.queue, migration 0600): submit, claim with
// FOR UPDATE SKIP LOCKED, progress, finish (complete / fail with retries and backoff / cancel), and recovery of the
// runs a killed runtime left behind. The runtime's own bookkeeping runs as service_role through the API pool (never
// as a superuser); what a user may see is decided by RLS in job-reads.ts.
import type { Pool, PoolClient } from 'pg'
import { withIdentity } from '../postgres/with-identity.js'
import { identityFromClaims, type Identity } from '../identity.js'
import { retryDelaySeconds } from './retry-backoff.js'

/** The runtime itself: workers, the scheduler and recovery act as service_role. */
export const QUEUE_IDENTITY: Identity = identityFromClaims({ role: 'service_role' })

export interface JobLimits {
  maxDurationSeconds: number
  progressTimeoutSeconds: number
  maxRetries: number
}

export interface JobOwner {
  userId: string | null
  role: string | null
  email: string | null
  name: string | null
}

export interface NewJob {
  namespace: string
  jobName: string
  payload: unknown
  priority: number
  scheduledAt: Date | null
  limits: JobLimits
  owner: JobOwner
  trigger: 'api' | 'cron' | 'studio'
}

/** A row of jobs.queue as PostgreSQL returns it. */
export interface JobRow {
  id: string
  namespace: string
  job_name: string
  status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled'
  payload: unknown
  result: unknown
  progress: { percent?: number; message?: string; data?: unknown } | null
  priority: number
  max_duration_seconds: number
  progress_timeout_seconds: number
  max_retries: number
  retry_count: number
  error_message: string | null
  worker_id: string | null
  created_by: string | null
  user_role: string | null
  user_email: string | null
  user_name: string | null
  trigger_type: string
  cancel_requested: boolean
  created_at: Date
  scheduled_at: Date | null
  started_at: Date | null
  last_progress_at: Date | null
  completed_at: Date | null
}

export interface JobQueue {
  submit(job: NewJob): Promise<JobRow>
  /** Takes the next runnable job among `jobNames` for `workerId`, or undefined when none is due. */
  claim(workerId: string, jobNames: string[]): Promise<JobRow | undefined>
  progress(id: string, workerId: string, progress: { percent: number; message?: string; data?: unknown }): Promise<void>
  complete(id: string, workerId: string, result: unknown): Promise<void>
  /** Fails the run: back to pending after the backoff while retries remain, else failed. Returns the new status. */
  fail(id: string, workerId: string, message: string): Promise<'pending' | 'failed'>
  /** The run stopped because a cancel was asked for. */
  cancelled(id: string, workerId: string): Promise<void>
  /** Pending → cancelled at once; running → cancel_requested (the worker stops it). undefined when not cancellable. */
  requestCancel(id: string): Promise<JobRow | undefined>
  /** A failed or cancelled job back to pending (retry_count + 1). undefined when its status does not allow it. */
  retry(id: string): Promise<JobRow | undefined>
  cancelRequested(id: string): Promise<boolean>
  appendLogs(id: string, lines: Array<{ level: string; message: string }>): Promise<void>
  /** Runs a killed runtime left as running: back to pending (the attempt counted) while retries remain, else failed. */
  recoverInterrupted(currentWorkerPrefix: string): Promise<{ requeued: number; failed: number }>
  /** Seconds until the earliest pending job among `jobNames` is due (0 = now), or undefined when none waits. */
  nextDueIn(jobNames: string[]): Promise<number | undefined>
}

/** Log lines kept per job; later lines are dropped with one marker line (a job that floods cannot fill the disk). */
export const MAX_LOG_LINES_PER_JOB = 10_000

export function createJobQueue(pool: Pool): JobQueue {
  const asQueue = <T>(fn: (client: PoolClient) => Promise<T>) => withIdentity(pool, QUEUE_IDENTITY, fn)
  const one = async (sql: string, values: unknown[]): Promise<JobRow | undefined> =>
    asQueue(async (c) => (await c.query<JobRow>(sql, values)).rows[0])

  return {
    async submit(job) {
      const row = await one(
        `INSERT INTO jobs.queue (namespace, job_name, payload, priority, scheduled_at, max_duration_seconds, progress_timeout_seconds,
                                 max_retries, created_by, user_role, user_email, user_name, trigger_type)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
        [
          job.namespace,
          job.jobName,
          JSON.stringify(job.payload ?? null),
          job.priority,
          job.scheduledAt,
          job.limits.maxDurationSeconds,
          job.limits.progressTimeoutSeconds,
          job.limits.maxRetries,
          job.owner.userId,
          job.owner.role,
          job.owner.email,
          job.owner.name,
          job.trigger,
        ],
      )
      return row!
    },

    claim(workerId, jobNames) {
      if (jobNames.length === 0) return Promise.resolve(undefined)
      return one(
        `UPDATE jobs.queue q
            SET status = 'running', worker_id = $1, started_at = now(), last_progress_at = now(), completed_at = NULL
          WHERE q.id = (SELECT id FROM jobs.queue
                         WHERE status = 'pending' AND job_name = ANY($2::text[])
                           AND (scheduled_at IS NULL OR scheduled_at <= now())
                         ORDER BY priority DESC, created_at
                         LIMIT 1
                         FOR UPDATE SKIP LOCKED)
        RETURNING q.*`,
        [workerId, jobNames],
      )
    },

    async progress(id, workerId, progress) {
      await one(
        `UPDATE jobs.queue SET progress = $3::jsonb, last_progress_at = now()
          WHERE id = $1 AND worker_id = $2 AND status = 'running'`,
        [id, workerId, JSON.stringify(progress)],
      )
    },

    async complete(id, workerId, result) {
      await one(
        `UPDATE jobs.queue SET status = 'completed', result = $3::jsonb, completed_at = now(), error_message = NULL,
                progress = jsonb_set(coalesce(progress, '{}'::jsonb), '{percent}', '100')
          WHERE id = $1 AND worker_id = $2 AND status = 'running'`,
        [id, workerId, JSON.stringify(result ?? null)],
      )
    },

    async fail(id, workerId, message) {
      return asQueue(async (c) => {
        const { rows } = await c.query<{ retry_count: number; max_retries: number }>(
          `SELECT retry_count, max_retries FROM jobs.queue WHERE id = $1 AND worker_id = $2 AND status = 'running' FOR UPDATE`,
          [id, workerId],
        )
        if (!rows[0]) return 'failed' as const
        const { retry_count, max_retries } = rows[0]
        if (retry_count < max_retries) {
          await c.query(
            `UPDATE jobs.queue SET status = 'pending', retry_count = retry_count + 1, error_message = $2, worker_id = NULL,
                    scheduled_at = now() + make_interval(secs => $3), started_at = NULL
              WHERE id = $1`,
            [id, message, retryDelaySeconds(retry_count + 1)],
          )
          return 'pending' as const
        }
        await c.query(`UPDATE jobs.queue SET status = 'failed', error_message = $2, completed_at = now() WHERE id = $1`, [id, message])
        return 'failed' as const
      })
    },

    async cancelled(id, workerId) {
      await one(
        `UPDATE jobs.queue SET status = 'cancelled', completed_at = now() WHERE id = $1 AND worker_id = $2 AND status = 'running'`,
        [id, workerId],
      )
    },

    requestCancel(id) {
      return one(
        `UPDATE jobs.queue
            SET cancel_requested = true,
                status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,
                completed_at = CASE WHEN status = 'pending' THEN now() ELSE completed_at END
          WHERE id = $1 AND status IN ('pending', 'running')
        RETURNING *`,
        [id],
      )
    },

    retry(id) {
      return one(
        `UPDATE jobs.queue
            SET status = 'pending', retry_count = retry_count + 1, worker_id = NULL, error_message = NULL, result = NULL,
                progress = NULL, cancel_requested = false, scheduled_at = NULL, started_at = NULL, last_progress_at = NULL,
                completed_at = NULL
          WHERE id = $1 AND status IN ('failed', 'cancelled')
        RETURNING *`,
        [id],
      )
    },

    async cancelRequested(id) {
      const row = await one(`SELECT cancel_requested FROM jobs.queue WHERE id = $1`, [id])
      return row?.cancel_requested ?? true
    },

    async appendLogs(id, lines) {
      if (lines.length === 0) return
      await asQueue(async (c) => {
        // Numbered after the job's last line; past the cap one marker line says what was dropped.
        await c.query(
          `WITH last AS (SELECT coalesce(max(line_number), -1) AS n FROM jobs.logs WHERE job_id = $1),
                incoming AS (SELECT ord, level, message FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(level, message, ord))
           INSERT INTO jobs.logs (job_id, line_number, level, message)
           SELECT $1, last.n + incoming.ord,
                  CASE WHEN last.n + incoming.ord = $4 THEN 'warn' ELSE incoming.level END,
                  CASE WHEN last.n + incoming.ord = $4 THEN 'log limit reached: later lines of this job are not kept' ELSE incoming.message END
             FROM last, incoming
            WHERE last.n + incoming.ord <= $4`,
          [id, lines.map((l) => l.level), lines.map((l) => l.message), MAX_LOG_LINES_PER_JOB - 1],
        )
      })
    },

    async recoverInterrupted(currentWorkerPrefix) {
      return asQueue(async (c) => {
        const requeued = await c.query(
          `UPDATE jobs.queue
              SET status = 'pending', retry_count = retry_count + 1, worker_id = NULL, started_at = NULL,
                  error_message = 'interrupted: the runtime stopped during the run'
            WHERE status = 'running' AND (worker_id IS NULL OR worker_id NOT LIKE $1 || '%') AND retry_count < max_retries`,
          [currentWorkerPrefix],
        )
        const failed = await c.query(
          `UPDATE jobs.queue
              SET status = 'failed', completed_at = now(),
                  error_message = 'interrupted: the runtime stopped during the run, and no retries were left'
            WHERE status = 'running' AND (worker_id IS NULL OR worker_id NOT LIKE $1 || '%')`,
          [currentWorkerPrefix],
        )
        return { requeued: requeued.rowCount ?? 0, failed: failed.rowCount ?? 0 }
      })
    },

    async nextDueIn(jobNames) {
      if (jobNames.length === 0) return undefined
      const row = await asQueue(async (c) => {
        const { rows } = await c.query<{ due_in: number | null }>(
          `SELECT greatest(0, extract(epoch FROM min(coalesce(scheduled_at, now())) - now()))::float8 AS due_in
             FROM jobs.queue WHERE status = 'pending' AND job_name = ANY($1::text[])`,
          [jobNames],
        )
        return rows[0]
      })
      return row?.due_in ?? undefined
    },
  }
}
