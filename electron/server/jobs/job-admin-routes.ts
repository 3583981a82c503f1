// jobs/job-admin-routes.ts — the admin side of jobs (contract §4.5): job functions with their schedule, next run
// and state; the whole queue (paged, filtered); one job and its log lines; cancel, retry, terminate, resubmit;
// stats; workers; namespaces. Plus what the studio needs beyond upstream: run a schedule now, pause or resume it.
// Mounted twice: /api/v1/admin/jobs (service role) and /studio/api/jobs (the studio token) — only the guard differs.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { isPrivileged } from '../rpc/check-access.js'
import { withIdentity } from '../postgres/with-identity.js'
import type { JobsService, JobEntry } from './jobs-service.js'
import { jobJson } from './job-json.js'
import { readJobLogLines } from './job-log-lines.js'
import { parseQueryInt } from '../auth/routes/body.js'
import { QUEUE_IDENTITY, type JobRow } from './job-queue.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled']

export interface JobAdminMount {
  /** The path the routes hang under, e.g. /api/v1/admin/jobs. */
  base: string
  /** Authorises the request (throws a 401/403 ApiError) and gives the running jobs service (or throws a 404). */
  guard(request: FastifyRequest): Promise<JobsService>
}

/** The admin API's mount: service role (or an admin app role through isPrivileged). */
export function serviceRoleMount(ctx: ServerContext, service: JobsService): JobAdminMount {
  return {
    base: '/api/v1/admin/jobs',
    async guard(request) {
      const caller = await ctx.identify(request, { required: true })
      if (!isPrivileged(caller)) throw new ApiError(403, 'FORBIDDEN', 'job administration needs the service role')
      return service
    },
  }
}

export async function registerJobAdminRoutes(app: FastifyInstance, ctx: ServerContext, mount: JobAdminMount): Promise<void> {
  const { base } = mount
  const admin = mount.guard
  const asQueue = <T>(sql: string, values: unknown[]) => withIdentity(ctx.pools.api, QUEUE_IDENTITY, async (c) => (await c.query(sql, values)).rows as T[])

  function functionJson(service: JobsService, e: JobEntry) {
    const schedule = service.scheduler.list().find((s) => s.jobName === e.name && s.namespace === e.namespace)
    const s = e.settings
    return {
      id: `${e.namespace}/${e.name}`,
      name: e.name,
      namespace: e.namespace,
      source: 'filesystem',
      path: e.entry,
      version: e.version,
      state: e.state,
      error: e.error,
      problems: s.problems,
      enabled: s.enabled,
      schedule: s.schedule ?? null,
      schedule_params: s.scheduleParams ?? null,
      schedule_paused: schedule?.paused ?? false,
      next_run_at: schedule?.nextRunAt?.toISOString() ?? null,
      last_run_at: schedule?.lastRunAt?.toISOString() ?? null,
      timeout_seconds: s.timeoutSeconds,
      memory_limit_mb: s.memoryMb,
      max_retries: s.maxRetries,
      progress_timeout_seconds: s.progressTimeoutSeconds,
      allow_net: s.allowNet,
      allow_env: s.allowEnv,
      allow_read: s.allowRead,
      allow_write: s.allowWrite,
      require_roles: s.requireRoles,
      require_role: s.requireRoles,
      disable_execution_logs: s.disableExecutionLogs,
      updated_at: e.updatedAt,
    }
  }

  function entryOf(service: JobsService, request: FastifyRequest): JobEntry {
    const { ns, name } = request.params as { ns: string; name: string }
    const entry = service.catalog.get(name)
    if (!entry || entry.namespace !== ns) throw new ApiError(404, 'NOT_FOUND', `no job function ${ns}/${name}`)
    return entry
  }

  async function jobOf(request: FastifyRequest): Promise<JobRow> {
    const { id } = request.params as { id: string }
    if (!UUID.test(id)) throw new ApiError(400, 'INVALID_JOB_ID', `"${id.slice(0, 60)}" is not a job id (a uuid)`)
    const [row] = await asQueue<JobRow>('SELECT * FROM jobs.queue WHERE id = $1', [id])
    if (!row) throw new ApiError(404, 'NOT_FOUND', 'Job not found')
    return row
  }

  app.get(`${base}/functions`, async (request) => {
    const service = await admin(request)
    return service.catalog.list().map((e) => functionJson(service, e))
  })
  app.get(`${base}/functions/:ns/:name`, async (request) => {
    const service = await admin(request)
    return functionJson(service, entryOf(service, request))
  })
  app.get(`${base}/namespaces`, async (request) => {
    const service = await admin(request)
    return { namespaces: [...new Set(['default', ...service.catalog.list().map((e) => e.namespace)])] }
  })

  app.post(`${base}/functions/:ns/:name/run`, async (request, reply) => {
    const service = await admin(request)
    const entry = entryOf(service, request)
    const s = entry.settings
    const row = await service.queue.submit({
      namespace: entry.namespace,
      jobName: entry.name,
      payload: { _trigger: 'manual', ...(s.scheduleParams ?? {}), ...((request.body as { payload?: object } | undefined)?.payload ?? {}) },
      priority: 0,
      scheduledAt: null,
      limits: { maxDurationSeconds: s.timeoutSeconds, progressTimeoutSeconds: s.progressTimeoutSeconds, maxRetries: s.maxRetries },
      owner: { userId: null, role: 'service_role', email: null, name: null },
      trigger: 'studio',
    })
    service.wake()
    return reply.status(201).send(jobJson(row))
  })
  app.post(`${base}/functions/:ns/:name/schedule`, async (request) => {
    const service = await admin(request)
    const entry = entryOf(service, request)
    const paused = (request.body as { paused?: unknown } | undefined)?.paused
    if (typeof paused !== 'boolean') throw new ApiError(400, 'INVALID_BODY', 'send {"paused": true} or {"paused": false}')
    if (!(await service.scheduler.setPaused(entry.namespace, entry.name, paused))) throw new ApiError(400, 'NO_SCHEDULE', `${entry.name} has no schedule`)
    return functionJson(service, entry)
  })

  app.get(`${base}/queue`, async (request) => {
    await admin(request)
    const q = request.query as Record<string, string | undefined>
    const limit = Math.min(parseQueryInt(q.limit, 'limit', 50, 1, Number.MAX_SAFE_INTEGER), 1000)
    const offset = parseQueryInt(q.offset, 'offset', 0, 0, 100_000_000)
    const status = q.status || null
    if (status && !STATUSES.includes(status)) throw new ApiError(400, 'VALIDATION_ERROR', `status must be one of ${STATUSES.join(', ')} (got "${status.slice(0, 40)}")`)
    const filter = [status, q.job_name || null, q.worker_id || null, q.namespace || null]
    const where = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR job_name = $2) AND ($3::text IS NULL OR worker_id = $3) AND ($4::text IS NULL OR namespace = $4)`
    const [rows, [{ total }]] = await Promise.all([
      asQueue<JobRow>(`SELECT * FROM jobs.queue WHERE ${where} ORDER BY created_at DESC LIMIT $5 OFFSET $6`, [...filter, limit, offset]),
      asQueue<{ total: number }>(`SELECT count(*)::int AS total FROM jobs.queue WHERE ${where}`, filter),
    ])
    return { jobs: rows.map((r) => jobJson(r)), total, limit, offset }
  })
  app.get(`${base}/queue/:id`, async (request) => {
    await admin(request)
    return jobJson(await jobOf(request))
  })
  app.get(`${base}/queue/:id/logs`, async (request) => {
    await admin(request)
    const job = await jobOf(request)
    const logs = await readJobLogLines(ctx.pools.api, QUEUE_IDENTITY, job.id, parseQueryInt((request.query as { after_line?: unknown }).after_line, 'after_line', -1, -1, 100_000_000))
    return { logs, count: logs.length }
  })
  app.post(`${base}/queue/:id/cancel`, async (request, reply) => {
    const service = await admin(request)
    const job = await jobOf(request)
    const updated = await service.queue.requestCancel(job.id)
    if (!updated) return reply.status(400).send({ error: 'Job cannot be cancelled', status: job.status })
    if (updated.status === 'running') service.cancelRunning(job.id)
    return { message: 'Job cancelled' }
  })
  app.post(`${base}/queue/:id/terminate`, async (request, reply) => {
    const service = await admin(request)
    const job = await jobOf(request)
    if (job.status !== 'running') return reply.status(400).send({ error: 'Only running jobs can be terminated', status: job.status })
    await service.queue.requestCancel(job.id)
    service.cancelRunning(job.id)
    return { message: 'Job terminated' }
  })
  app.post(`${base}/queue/:id/retry`, async (request, reply) => {
    const service = await admin(request)
    const job = await jobOf(request)
    const updated = await service.queue.retry(job.id)
    if (!updated) return reply.status(400).send({ error: 'Only failed or cancelled jobs can be retried', status: job.status })
    service.wake()
    return { ...jobJson(updated), message: 'Job requeued for retry' }
  })
  app.post(`${base}/queue/:id/resubmit`, async (request, reply) => {
    const service = await admin(request)
    const job = await jobOf(request)
    const row = await service.queue.submit({
      namespace: job.namespace,
      jobName: job.job_name,
      payload: job.payload,
      priority: job.priority,
      scheduledAt: null,
      limits: { maxDurationSeconds: job.max_duration_seconds, progressTimeoutSeconds: job.progress_timeout_seconds, maxRetries: job.max_retries },
      owner: { userId: job.created_by, role: job.user_role, email: job.user_email, name: job.user_name },
      trigger: 'studio',
    })
    service.wake()
    return reply.status(201).send(jobJson(row))
  })

  app.get(`${base}/stats`, async (request) => {
    await admin(request)
    const [totals] = await asQueue<Record<string, number>>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'running')::int AS running,
              count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
              coalesce(avg(extract(epoch FROM completed_at - started_at)) FILTER (WHERE status = 'completed'), 0)::float8 AS avg_duration_seconds
         FROM jobs.queue`,
      [],
    )
    const byFunction = await asQueue<{ job_name: string; count: number }>(`SELECT job_name, count(*)::int AS count FROM jobs.queue GROUP BY job_name ORDER BY job_name`, [])
    const byDay = await asQueue<{ date: string; count: number }>(`SELECT to_char(created_at, 'YYYY-MM-DD') AS date, count(*)::int AS count FROM jobs.queue GROUP BY 1 ORDER BY 1 DESC LIMIT 30`, [])
    const { total, pending, running, completed, failed, cancelled, avg_duration_seconds } = totals
    return {
      total_jobs: total,
      pending_jobs: pending,
      running_jobs: running,
      completed_jobs: completed,
      failed_jobs: failed,
      cancelled_jobs: cancelled,
      avg_duration_seconds,
      jobs_by_status: [{ status: 'pending', count: pending }, { status: 'running', count: running }, { status: 'completed', count: completed }, { status: 'failed', count: failed }, { status: 'cancelled', count: cancelled }],
      jobs_by_day: byDay,
      jobs_by_function: byFunction,
      // The SDK's names for the same counts.
      total,
      pending,
      running,
      completed,
      failed,
      cancelled,
    }
  })

  app.get(`${base}/workers`, async (request) => {
    const service = await admin(request)
    const busy = await asQueue<{ worker_id: string; n: number }>(`SELECT worker_id, count(*)::int AS n FROM jobs.queue WHERE status = 'running' AND worker_id LIKE $1 || '%' GROUP BY worker_id`, [service.workerPrefix])
    const done = await asQueue<{ worker_id: string; n: number }>(`SELECT worker_id, count(*)::int AS n FROM jobs.queue WHERE status = 'completed' AND worker_id LIKE $1 || '%' GROUP BY worker_id`, [service.workerPrefix])
    const count = (rows: Array<{ worker_id: string; n: number }>, id: string) => rows.find((r) => r.worker_id === id)?.n ?? 0
    return Array.from({ length: service.workerCount }, (_, i) => {
      const id = `${service.workerPrefix}${i}`
      const current = count(busy, id)
      return { id, name: `worker ${i + 1}`, hostname: service.workerPrefix.split(':')[0], status: 'active', max_concurrent_jobs: 1, current_job_count: current, current_jobs: current, total_completed: count(done, id), last_heartbeat_at: new Date().toISOString(), started_at: service.startedAt.toISOString() }
    })
  })
}
