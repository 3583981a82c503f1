// settings/settings-routes.ts — the settings area's one entry point (http/route-modules.ts): the SDK's settings and
// secrets (contract §5), the legacy /api/v1/secrets and the admin side for the studio and CLI. At start, a
// DIR/function-secrets.json left by an earlier version is moved into the encrypted store.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { secretsStoreFor } from '../functions/secrets-store.js'
import { registerAdminSettingRoutes } from './admin-setting-routes.js'
import { registerLegacySecretRoutes } from './legacy-secret-routes.js'
import { registerUserSecretRoutes } from './user-secret-routes.js'
import { registerUserSettingRoutes } from './user-setting-routes.js'

export async function registerSettingsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await secretsStoreFor(ctx).importLegacyFile()
  await registerUserSecretRoutes(app, ctx)
  await registerUserSettingRoutes(app, ctx)
  await registerAdminSettingRoutes(app, ctx)
  await registerLegacySecretRoutes(app, ctx)
}
