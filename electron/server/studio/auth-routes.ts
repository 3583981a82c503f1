// studio/auth-routes.ts — the studio's Auth pages: users, sessions, the local mail inbox, impersonation (the RLS
// simulator's tokens) and the auth settings in force, under /studio/api/auth/*, guarded by the studio token.
// The handlers are auth/'s; only the guard and the prefix differ from /api/v1/admin.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AuthModule } from '../auth/auth-module.js'
import { applySettingsPatch, authSettingsPatch } from '../auth/auth-settings.js'
import { registerMailRoutes, registerUserAdminRoutes } from '../auth/routes/admin-routes.js'
import { parseBody } from '../auth/routes/body.js'
import { registerImpersonationRoutes } from '../auth/routes/impersonation-routes.js'
import { checkStudioToken } from './studio-auth.js'

export const STUDIO_ACTOR = 'studio'

export async function registerStudioAuthRoutes(app: FastifyInstance, auth: AuthModule): Promise<void> {
  const guard = async (request: FastifyRequest) => {
    checkStudioToken(request, auth.ctx.studioToken)
    return STUDIO_ACTOR
  }
  registerUserAdminRoutes(app, auth, '/studio/api/auth/users', guard)
  registerMailRoutes(app, auth, '/studio/api/auth/mail', guard)
  registerImpersonationRoutes(app, auth, '/studio/api/auth/impersonate', guard, { defaultReason: 'studio: view as' })

  app.get('/studio/api/auth/settings', async (request) => {
    await guard(request)
    return { settings: auth.settings, stats: auth.revocations.stats }
  })
  app.patch('/studio/api/auth/settings', async (request) => {
    await guard(request)
    const patch = parseBody(authSettingsPatch, request.body)
    applySettingsPatch(auth.settings, patch)
    // A lowered limit applies from a clean slate rather than to counts made under the old one.
    if (patch.rateLimitPerWindow !== undefined || patch.rateLimitWindowSeconds !== undefined) auth.limiter.reset()
    return { settings: auth.settings }
  })
}
