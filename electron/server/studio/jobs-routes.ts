// studio/jobs-routes.ts — the studio's Jobs view, under /studio/api/jobs (studio token): the admin job routes of
// jobs/job-admin-routes.ts mounted a second time with the studio's guard (functions, queue paged and filtered,
// one job, its log lines, cancel/retry/run/resubmit, stats). Submitting as a chosen identity stays the real
// POST /api/v1/jobs/submit with that identity's token (studio/compute-routes.ts mints it).
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { checkStudioToken } from './studio-auth.js'
import { jobsServiceOf } from '../jobs/jobs-routes.js'
import { registerJobAdminRoutes } from '../jobs/job-admin-routes.js'

export const JOBS_OFF_HINT = 'background jobs are off: start the runtime with --jobs-dir DIR (the folder of your job functions)'

export async function registerStudioJobsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await registerJobAdminRoutes(app, ctx, {
    base: '/studio/api/jobs',
    async guard(request) {
      checkStudioToken(request, ctx.studioToken)
      const service = jobsServiceOf(ctx)
      if (!service) throw new ApiError(404, 'JOBS_OFF', JOBS_OFF_HINT)
      return service
    },
  })
}
