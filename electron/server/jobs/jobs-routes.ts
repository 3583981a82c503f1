// jobs/jobs-routes.ts — the jobs area's one entry for http/route-modules.ts: with a jobs folder (--jobs-dir), starts
// the service (catalog, workers, scheduler), registers the app's and the admin job endpoints, and stops it on stop.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { JobsService } from './jobs-service.js'
import { registerJobRoutes } from './job-routes.js'
import { registerJobAdminRoutes, serviceRoleMount } from './job-admin-routes.js'

const services = new WeakMap<ServerContext, JobsService>()

/** The running jobs service of a runtime (tests, benches, the studio routes). */
export function jobsServiceOf(ctx: ServerContext): JobsService | undefined {
  return services.get(ctx)
}

export async function registerJobsArea(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const dir = ctx.config.jobsDir
  if (!dir) return
  const service = new JobsService(ctx, { jobsDir: dir, now: ctx.config.jobsClock })
  services.set(ctx, service)
  ctx.onStop(() => service.stop())
  await service.start()
  ctx.logs.log({ category: 'system', level: 'info', component: 'jobs', message: `job functions from ${dir}: ${service.catalog.list().length} found, ${service.workerCount} workers` })
  await registerJobRoutes(app, ctx, service)
  await registerJobAdminRoutes(app, ctx, serviceRoleMount(ctx, service))
}
