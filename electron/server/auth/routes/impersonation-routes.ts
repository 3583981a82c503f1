// auth/routes/impersonation-routes.ts — POST {base} (user), {base}/anon, {base}/service; GET and DELETE {base};
// GET {base}/sessions. Mounted at /api/v1/auth/impersonate (service_role) and /studio/api/auth/impersonate
// (studio token). Responses use the SDK's shapes (contract §6 decision).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AuthModule } from '../auth-module.js'
import { currentImpersonation, listImpersonations, startImpersonation, stopImpersonation, type ImpersonationType } from '../impersonation.js'
import { requestMeta } from '../request-meta.js'
import { parseQueryInt } from './body.js'
import type { Guard } from './admin-routes.js'

export interface ImpersonationRouteOptions {
  /** The studio may omit the reason; its audit rows then say where they came from. */
  defaultReason?: string
}

type Body = { target_user_id?: unknown; reason?: unknown; expires_in?: unknown } | undefined

export function registerImpersonationRoutes(app: FastifyInstance, auth: AuthModule, base: string, guard: Guard, options: ImpersonationRouteOptions = {}): void {
  const start = (type: ImpersonationType) => async (request: FastifyRequest, reply: FastifyReply) => {
    const adminId = await guard(request)
    const body = (request.body ?? {}) as Body
    const reason = body?.reason === undefined || body.reason === '' ? options.defaultReason : body.reason
    const result = await startImpersonation(auth, { adminId, type, targetUserId: body?.target_user_id, reason, expiresIn: body?.expires_in, meta: requestMeta(request) })
    return reply.status(200).send(result)
  }
  app.post(base, start('user'))
  app.post(`${base}/anon`, start('anon'))
  app.post(`${base}/service`, start('service'))

  app.get(base, async (request) => currentImpersonation(auth, await guard(request)))
  app.delete(base, async (request) => stopImpersonation(auth, await guard(request), requestMeta(request)))

  app.get(`${base}/sessions`, async (request) => {
    await guard(request)
    const q = request.query as Record<string, string | undefined>
    return listImpersonations(auth, {
      limit: parseQueryInt(q.limit, 'limit', 50, 1, 1000),
      offset: parseQueryInt(q.offset, 'offset', 0, 0, 10_000_000),
      admin_user_id: q.admin_user_id || undefined,
      target_user_id: q.target_user_id || undefined,
      impersonation_type: q.impersonation_type || undefined,
      is_active: q.is_active === undefined ? undefined : q.is_active === 'true',
    })
  })
}
