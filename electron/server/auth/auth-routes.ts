// auth/auth-routes.ts — the auth area's one entry point (http/route-modules.ts): starts the auth module (revocation
// cache + token check + listener) and mounts /api/v1/auth/*, /api/v1/admin/users|mail and the studio's
// /studio/api/auth/* routes, all in a scope that accepts the SDK's bodiless JSON requests.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { registerStudioAuthRoutes } from '../studio/auth-routes.js'
import { startAuthModule } from './auth-module.js'
import { registerUserAdminRoutes, registerMailRoutes } from './routes/admin-routes.js'
import { registerConfigRoutes } from './routes/config-routes.js'
import { registerEmailLinkRoutes } from './routes/email-link-routes.js'
import { requireServiceRole } from './routes/guards.js'
import { registerImpersonationRoutes } from './routes/impersonation-routes.js'
import { registerSessionRoutes } from './routes/session-routes.js'
import { registerUserRoutes } from './routes/user-routes.js'
import { registerOtpRoutes } from './routes/otp-routes.js'
import { registerMfaRoutes } from './routes/mfa-routes.js'
import { registerOAuthRoutes } from './routes/oauth-routes.js'

export async function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const auth = await startAuthModule(ctx)
  /** service_role callers act as their user id (a dashboard_admin user) or as "service_role" (the key). */
  const serviceActor = async (request: FastifyRequest) => (await requireServiceRole(auth, request)).userId ?? 'service_role'
  await app.register(async (scope) => {
    await registerConfigRoutes(scope, auth)
    await registerSessionRoutes(scope, auth)
    await registerUserRoutes(scope, auth)
    await registerEmailLinkRoutes(scope, auth)
    await registerOtpRoutes(scope, auth)
    await registerMfaRoutes(scope, auth)
    await registerOAuthRoutes(scope, auth)
    registerImpersonationRoutes(scope, auth, '/api/v1/auth/impersonate', serviceActor)
    registerUserAdminRoutes(scope, auth, '/api/v1/admin/users', serviceActor)
    registerMailRoutes(scope, auth, '/api/v1/admin/mail', serviceActor)
    await registerStudioAuthRoutes(scope, auth)
  })
}
