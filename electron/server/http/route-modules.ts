// http/route-modules.ts — the list of route modules, in one place. Each area (rest, rpc, auth, realtime, storage,
// studio) exports one `register…Routes(app, ctx)`; adding an area is one line here.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { registerHealthRoutes } from './health-routes.js'
import { registerAuthRoutes } from '../auth/auth-routes.js'
import { startAuthModule } from '../auth/auth-module.js'
import { schemaStoreFor } from '../rest/schema/schema-store.js'
import { registerStudioStatusRoutes } from '../studio/status-routes.js'
import { registerStudioStaticRoutes } from '../studio/static-routes.js'
import { registerRealtimeRoutes, startRealtime } from '../realtime/realtime-service.js'
import { registerLogRoutes } from '../logs/log-routes.js'
import { registerStudioLogRoutes } from '../studio/log-routes.js'
import { registerStudioSqlRoutes } from '../studio/sql-routes.js'
import { registerStudioMetaRoutes } from '../studio/meta-routes.js'
import { registerStudioTableKeysRoutes } from '../studio/table-keys-routes.js'
import { registerStudioRlsRoutes } from '../studio/rls-routes.js'
import { registerStudioHiddenRowsRoutes } from '../studio/hidden-rows-routes.js'
import { registerRestRoutes } from '../rest/routes.js'
import { registerRpcRoutes } from '../rpc/routes.js'
import { registerStorageRoutes } from '../storage/storage-routes.js'
import { registerStudioStorageRoutes } from '../studio/storage-routes.js'
import { registerStudioRealtimeInspectorRoutes } from '../studio/realtime-inspector-routes.js'
import { registerTypesRoutes } from '../project/types/types-export-routes.js'
import { registerFunctionRoutes } from '../functions/functions-routes.js'
import { registerJobsArea } from '../jobs/jobs-routes.js'
import { registerInternalAiRoutes } from '../functions/internal-ai-routes.js'
import { registerStudioFunctionsRoutes } from '../studio/functions-routes.js'
import { registerStudioJobsRoutes } from '../studio/jobs-routes.js'
import { registerStudioComputeRoutes } from '../studio/compute-routes.js'
import { registerProjectRoutes } from '../project/project-routes.js'
import { registerAdminMigrationsRoutes } from '../project/admin-migrations/admin-migrations-routes.js'
import { registerPolicyTestsRoutes } from '../project/policy-tests/policy-tests-routes.js'
import { registerSettingsRoutes } from '../settings/settings-routes.js'
import { registerStudioPolicyTestsRoutes } from '../project/policy-tests/studio-policy-tests-routes.js'
import { registerStudioWritersRoutes } from '../project/studio-writers/studio-writers-routes.js'

type RouteModule = (app: FastifyInstance, ctx: ServerContext) => Promise<void>

export const ROUTE_MODULES: RouteModule[] = [
  registerHealthRoutes,
  registerAuthRoutes,
  registerLogRoutes,
  registerRestRoutes,
  registerRpcRoutes,
  registerTypesRoutes,
  registerFunctionRoutes,
  registerJobsArea,
  registerInternalAiRoutes,
  registerStudioFunctionsRoutes,
  registerStudioJobsRoutes,
  registerStudioComputeRoutes,
  registerPolicyTestsRoutes,
  registerSettingsRoutes,
  registerStorageRoutes,
  registerStudioStorageRoutes,
  registerStudioStatusRoutes,
  registerStudioLogRoutes,
  registerStudioSqlRoutes,
  registerStudioMetaRoutes,
  registerStudioTableKeysRoutes,
  registerStudioRlsRoutes,
  registerStudioHiddenRowsRoutes,
  registerRealtimeRoutes,
  registerStudioRealtimeInspectorRoutes,
  registerProjectRoutes,
  registerAdminMigrationsRoutes,
  registerStudioPolicyTestsRoutes,
  registerStudioWritersRoutes,
  registerStudioStaticRoutes,
]

/**
 * Areas whose start-up waits on the database (catalog reads, LISTEN, the replication slot). They all start at once,
 * before any route registers, so their round trips overlap each other and the CPU work of registering routes; each
 * area's register function awaits the same memoised promise.
 */
const AREA_STARTS: Array<(ctx: ServerContext) => Promise<unknown>> = [startAuthModule, startRealtime, schemaStoreFor]

export async function registerRouteModules(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // A failure surfaces where its area registers; until then it must not count as an unhandled rejection.
  for (const start of AREA_STARTS) start(ctx).catch(() => undefined)
  const took: Record<string, number> = {}
  for (const register of ROUTE_MODULES) {
    const t = performance.now()
    await register(app, ctx)
    took[register.name] = Math.round(performance.now() - t)
  }
  ctx.logs.log({ category: 'system', level: 'debug', component: 'runtime', message: 'route modules registered', fields: { took } })
}
