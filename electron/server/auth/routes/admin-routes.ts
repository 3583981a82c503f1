// auth/routes/admin-routes.ts — the admin surface, mounted twice: under /api/v1/admin (service_role callers, the
// SDK's paths) and under /studio/api/auth (the studio token). `guard` authorises a request and names its actor.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../../errors.js'
import type { AuthModule } from '../auth-module.js'
import {
  adminCreateUser,
  adminDeleteUser,
  adminGetUser,
  adminInviteUser,
  adminListSessions,
  adminListUsers,
  adminRevokeSessions,
  adminSendPasswordReset,
  adminUpdateUser,
} from '../admin-users.js'
import type { MailKind } from '../mail/mail-inbox.js'
import { requestMeta } from '../request-meta.js'
import { parseBody, parseQueryInt } from './body.js'
import { z } from 'zod'

export type Guard = (request: FastifyRequest) => Promise<string>

type IdParams = { id: string }

export function registerUserAdminRoutes(app: FastifyInstance, auth: AuthModule, base: string, guard: Guard): void {
  app.get(base, async (request) => {
    await guard(request)
    return adminListUsers(auth, request.query as Record<string, unknown>)
  })
  app.post(base, async (request, reply) => {
    const actor = await guard(request)
    return reply.status(201).send(await adminCreateUser(auth, request.body, actor, requestMeta(request)))
  })
  app.post(`${base}/invite`, async (request, reply) => {
    const actor = await guard(request)
    return reply.status(201).send(await adminInviteUser(auth, request.body, actor, requestMeta(request)))
  })
  app.get<{ Params: IdParams }>(`${base}/:id`, async (request) => {
    await guard(request)
    return adminGetUser(auth, request.params.id)
  })
  app.patch<{ Params: IdParams }>(`${base}/:id`, async (request) => {
    const actor = await guard(request)
    return adminUpdateUser(auth, request.params.id, request.body, actor, requestMeta(request))
  })
  // The SDK's updateUserRole.
  app.patch<{ Params: IdParams }>(`${base}/:id/role`, async (request) => {
    const actor = await guard(request)
    const { role } = parseBody(z.object({ role: z.string().trim().min(1).max(100) }), request.body)
    return adminUpdateUser(auth, request.params.id, { role }, actor, requestMeta(request))
  })
  app.delete<{ Params: IdParams }>(`${base}/:id`, async (request) => {
    const actor = await guard(request)
    return adminDeleteUser(auth, request.params.id, actor, requestMeta(request))
  })
  app.get<{ Params: IdParams }>(`${base}/:id/sessions`, async (request) => {
    await guard(request)
    return adminListSessions(auth, request.params.id)
  })
  app.delete<{ Params: IdParams }>(`${base}/:id/sessions`, async (request) => {
    const actor = await guard(request)
    return adminRevokeSessions(auth, request.params.id, actor, requestMeta(request))
  })
  // The SDK's resetUserPassword: locally, a recovery mail in the inbox.
  app.post<{ Params: IdParams }>(`${base}/:id/reset-password`, async (request) => {
    const actor = await guard(request)
    return adminSendPasswordReset(auth, request.params.id, actor, requestMeta(request))
  })
}

const MAIL_KINDS = new Set<MailKind>(['signup', 'magiclink', 'recovery', 'invite', 'email_change', 'otp', 'sms'])

export function registerMailRoutes(app: FastifyInstance, auth: AuthModule, base: string, guard: Guard): void {
  app.get(base, async (request) => {
    await guard(request)
    const q = request.query as Record<string, unknown>
    const kind = typeof q.kind === 'string' && MAIL_KINDS.has(q.kind as MailKind) ? (q.kind as MailKind) : undefined
    return auth.inbox.list({
      to: typeof q.to === 'string' ? q.to : undefined,
      kind,
      limit: parseQueryInt(q.limit, 'limit', 50, 1, 500),
      offset: parseQueryInt(q.offset, 'offset', 0, 0, 1_000_000),
    })
  })
  app.get<{ Params: IdParams }>(`${base}/:id`, async (request) => {
    await guard(request)
    const mail = auth.inbox.markRead(request.params.id)
    if (!mail) throw new ApiError(404, 'MAIL_NOT_FOUND', `Mail ${request.params.id} not found`)
    return mail
  })
  app.delete<{ Params: IdParams }>(`${base}/:id`, async (request) => {
    await guard(request)
    if (!auth.inbox.remove(request.params.id)) throw new ApiError(404, 'MAIL_NOT_FOUND', `Mail ${request.params.id} not found`)
    return { message: 'Mail deleted' }
  })
  app.delete(base, async (request) => {
    await guard(request)
    return { message: 'Inbox emptied', deleted: auth.inbox.clear() }
  })
}
