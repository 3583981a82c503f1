// functions/functions-routes.ts — the edge functions area's one entry for http/route-modules.ts: starts the
// service on the configured folder (--functions-dir), registers the invoke, admin and management routes, stops on stop.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { FunctionsService } from './functions-service.js'
import { registerInvokeRoute } from './invoke-route.js'
import { registerFunctionAdminRoutes } from './admin-routes.js'
import { registerFunctionManageRoutes } from './manage-routes.js'

const services = new WeakMap<ServerContext, FunctionsService>()

/** The running functions service of a runtime (tests, benches, the studio routes). */
export function functionsServiceOf(ctx: ServerContext): FunctionsService | undefined {
  return services.get(ctx)
}

export async function registerFunctionRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const dir = ctx.config.functionsDir
  if (!dir) return
  const service = new FunctionsService(ctx, { functionsDir: dir })
  services.set(ctx, service)
  ctx.onStop(() => service.stop())
  await service.start()
  ctx.logs.log({ category: 'system', level: 'info', component: 'functions', message: `edge functions from ${dir}: ${service.catalog.list().length} found` })
  await registerInvokeRoute(app, ctx, service)
  await registerFunctionAdminRoutes(app, ctx, service)
  await registerFunctionManageRoutes(app, ctx, service)
}
