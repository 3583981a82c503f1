// jobs/job-routes.ts — the app's job endpoints (contract §4.1): submit, get, list, cancel, retry, logs. Who may see
// a job is decided by RLS on jobs.queue (reads run as the caller: a user sees their own, service_role all); what a
// job is (its limits, its owner) is decided here, and the queue writes it. Every refusal names its reason.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { ServerContext } from '../context.js'
import type { Identity } from '../identity.js'
import { ApiError } from '../errors.js'
import { impersonatedOr } from '../http/impersonation-header.js'
import { parseBody } from '../http/parse-body.js'
import { isPrivileged } from '../rpc/check-access.js'
import { withIdentity } from '../postgres/with-identity.js'
import type { JobsService } from './jobs-service.js'
import { jobJson } from './job-json.js'
import { readJobLogLines } from './job-log-lines.js'
import { QUEUE_IDENTITY, type JobOwner, type JobRow } from './job-queue.js'

/** A payload larger than this is refused (413): the queue is for work descriptions, not for file contents. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const SubmitBody = z.object({
  job_name: z.string().min(1, 'job_name is required'),
  namespace: z.string().optional(),
  payload: z.unknown().optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  scheduled_at: z.string().datetime({ offset: true }).optional(),
  // The SDK's spelling of scheduled_at.
  scheduled: z.string().datetime({ offset: true }).optional(),
  on_behalf_of: z.object({ user_id: z.string().regex(UUID, 'on_behalf_of.user_id must be a uuid'), user_email: z.string().optional(), user_role: z.string().optional() }).optional(),
})

/** Role ranks of contract §4.1: anon < authenticated < admin < dashboard_admin = service_role. */
const RANK: Record<string, number> = { anon: 0, authenticated: 1, admin: 2, dashboard_admin: 3, service_role: 3 }

function satisfies(role: string, required: string[]): boolean {
  if (required.length === 0 || (RANK[role] ?? 1) >= 3) return true
  return required.some((r) => (r in RANK ? (RANK[role] ?? 1) >= RANK[r] : r === role))
}

function jobId(request: FastifyRequest): string {
  const { id } = request.params as { id: string }
  if (!UUID.test(id)) throw new ApiError(400, 'INVALID_JOB_ID', `"${id.slice(0, 60)}" is not a job id (a uuid)`)
  return id
}

export async function registerJobRoutes(app: FastifyInstance, ctx: ServerContext, service: JobsService): Promise<void> {
  /** The job as the caller may see it (RLS), or 404. */
  async function visibleJob(caller: Identity, id: string): Promise<JobRow> {
    const row = await withIdentity(ctx.pools.api, caller, async (c) => (await c.query<JobRow>('SELECT * FROM jobs.queue WHERE id = $1', [id])).rows[0])
    if (!row) throw new ApiError(404, 'NOT_FOUND', 'Job not found')
    return row
  }

  async function ownerFor(caller: Identity, body: z.infer<typeof SubmitBody>): Promise<JobOwner> {
    const lookup = (userId: string) =>
      withIdentity(ctx.pools.api, QUEUE_IDENTITY, async (c) => (await c.query<{ email: string | null }>('SELECT email FROM auth.users WHERE id = $1', [userId])).rows[0])
    if (body.on_behalf_of) {
      if (!isPrivileged(caller)) throw new ApiError(403, 'FORBIDDEN', 'on_behalf_of is for service_role callers only')
      const user = await lookup(body.on_behalf_of.user_id)
      if (!user) throw new ApiError(400, 'USER_NOT_FOUND', `on_behalf_of.user_id ${body.on_behalf_of.user_id} is not a user of this project`)
      return { userId: body.on_behalf_of.user_id, role: body.on_behalf_of.user_role ?? 'authenticated', email: body.on_behalf_of.user_email ?? user.email, name: null }
    }
    const email = typeof caller.claims.email === 'string' ? caller.claims.email : null
    // created_by is set only for a user who exists (a token for a deleted user cannot own new jobs).
    const exists = caller.userId ? await lookup(caller.userId) : undefined
    return { userId: exists ? caller.userId : null, role: caller.appRole, email: exists?.email ?? email, name: null }
  }

  app.post('/api/v1/jobs/submit', async (request, reply) => {
    const caller = await impersonatedOr(ctx, request, await ctx.identify(request, { required: true }))
    const body = parseBody(SubmitBody, request.body ?? {})
    const payloadBytes = Buffer.byteLength(JSON.stringify(body.payload ?? null))
    if (payloadBytes > MAX_PAYLOAD_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the job payload is ${payloadBytes} bytes; the limit is ${MAX_PAYLOAD_BYTES} (1 MB)`)
    const entry = service.catalog.get(body.job_name)
    if (!entry || (body.namespace && body.namespace !== entry.namespace)) {
      return reply.status(404).send({ error: 'Job function not found', job: body.job_name, request_id: request.id })
    }
    if (!entry.settings.enabled) throw new ApiError(403, 'JOB_DISABLED', 'Job function is disabled')
    const required = entry.settings.requireRoles
    if (required.length && !satisfies(caller.appRole, required)) {
      return reply.status(403).send({ error: 'Insufficient permissions', required_roles: required, user_role: caller.appRole, request_id: request.id })
    }
    const scheduled = body.scheduled_at ?? body.scheduled
    const row = await service.queue.submit({
      namespace: entry.namespace,
      jobName: entry.name,
      payload: body.payload ?? {},
      priority: body.priority ?? 0,
      scheduledAt: scheduled ? new Date(scheduled) : null,
      limits: { maxDurationSeconds: entry.settings.timeoutSeconds, progressTimeoutSeconds: entry.settings.progressTimeoutSeconds, maxRetries: entry.settings.maxRetries },
      owner: await ownerFor(caller, body),
      trigger: 'api',
    })
    service.wake()
    return reply.status(201).send(jobJson(row))
  })

  app.get('/api/v1/jobs/:id', async (request) => {
    const caller = await ctx.identify(request, { required: true })
    return jobJson(await visibleJob(caller, jobId(request)))
  })

  app.get('/api/v1/jobs', async (request) => {
    const caller = await ctx.identify(request, { required: true })
    const q = request.query as Record<string, string | undefined>
    const limit = Math.max(1, Math.min(1000, Number(q.limit ?? 50) || 50))
    const offset = Math.max(0, Number(q.offset ?? 0) || 0)
    const rows = await withIdentity(ctx.pools.api, caller, async (c) =>
      (
        await c.query<JobRow>(
          `SELECT * FROM jobs.queue
            WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR job_name = $2) AND ($3::text IS NULL OR namespace = $3)
            ORDER BY created_at DESC LIMIT $4 OFFSET $5`,
          [q.status ?? null, q.job_name ?? null, q.namespace ?? null, limit, offset],
        )
      ).rows,
    )
    const includeResult = q.include_result !== 'false'
    return { jobs: rows.map((r) => jobJson(r, { detail: false, includeResult })), limit, offset }
  })

  app.post('/api/v1/jobs/:id/cancel', async (request, reply) => {
    const caller = await ctx.identify(request, { required: true })
    const job = await visibleJob(caller, jobId(request))
    const updated = await service.queue.requestCancel(job.id)
    if (!updated) return reply.status(400).send({ error: 'Job cannot be cancelled', status: job.status, request_id: request.id })
    if (updated.status === 'running') service.cancelRunning(job.id)
    return { message: 'Job cancelled' }
  })

  app.post('/api/v1/jobs/:id/retry', async (request, reply) => {
    const caller = await ctx.identify(request, { required: true })
    const job = await visibleJob(caller, jobId(request))
    const updated = await service.queue.retry(job.id)
    if (!updated) return reply.status(400).send({ error: 'Only failed or cancelled jobs can be retried', status: job.status, request_id: request.id })
    service.wake()
    return { ...jobJson(updated), message: 'Job requeued for retry' }
  })

  app.get('/api/v1/jobs/:id/logs', async (request) => {
    const caller = await ctx.identify(request, { required: true })
    const id = jobId(request)
    await visibleJob(caller, id)
    const after = Number((request.query as { after_line?: string }).after_line ?? -1)
    const logs = await readJobLogLines(ctx.pools.api, caller, id, Number.isFinite(after) ? after : -1)
    return { logs, count: logs.length }
  })
}
