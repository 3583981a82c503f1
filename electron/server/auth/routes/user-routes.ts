// auth/routes/user-routes.ts — GET and PATCH /api/v1/auth/user: the signed-in user, read and changed through their
// own session. Unlike upstream, PATCH really changes the password (and ends the user's other sessions).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ApiError } from '../../errors.js'
import type { AuthModule } from '../auth-module.js'
import { sendAuthMail } from '../email-links.js'
import { checkPasswordPolicy, hashPassword } from '../passwords.js'
import { requestMeta } from '../request-meta.js'
import { redeemCode } from '../otp-codes.js'
import { logSecurity } from '../security-log.js'
import { revokeSessions } from '../sessions.js'
import { userJson, type UserRow } from '../user-json.js'
import { getUser, isUuid, normalizeEmail, updateUser, type UserPatch } from '../users.js'
import { jsonObject, parseBody } from './body.js'
import { attachIdentity } from './guards.js'

const patchBody = z.object({
  email: z.unknown().optional(),
  password: z.unknown().optional(),
  user_metadata: jsonObject.optional(),
  metadata: jsonObject.optional(),
  data: jsonObject.optional(),
  // From reauthenticate(): when sent, it must be the user's current reauthentication code.
  nonce: z.string().optional(),
})

/** The caller's user and session; tokens without a session (keys, impersonation) cannot use /auth/user (§6). */
export async function sessionUser(auth: AuthModule, request: FastifyRequest): Promise<{ user: UserRow; sessionId: string }> {
  const identity = attachIdentity(request, await auth.ctx.identify(request))
  const sid = identity.claims.session_id
  if (!isUuid(sid) || !identity.userId) {
    throw new ApiError(401, 'SESSION_REQUIRED', 'This token has no user session', undefined, 'anon/service keys and impersonation tokens have no session: sign in to get one')
  }
  const user = await getUser(auth.db, identity.userId)
  if (!user) throw new ApiError(401, 'INVALID_TOKEN', 'Invalid or expired Bearer token', 'user not found')
  return { user, sessionId: sid }
}

export async function registerUserRoutes(app: FastifyInstance, auth: AuthModule): Promise<void> {
  const { settings } = auth

  app.get('/api/v1/auth/user', async (request) => userJson((await sessionUser(auth, request)).user))

  app.patch('/api/v1/auth/user', async (request) => {
    const { user, sessionId } = await sessionUser(auth, request)
    const body = parseBody(patchBody, request.body)
    const meta = requestMeta(request)
    if (body.nonce !== undefined && !(await redeemCode(auth, user.id, 'reauthentication', body.nonce))) {
      throw new ApiError(401, 'INVALID_NONCE', 'Invalid or expired reauthentication nonce', undefined, 'call reauthenticate() for a new one')
    }
    const patch: UserPatch = {}
    const metadata = body.user_metadata ?? body.metadata ?? body.data
    if (metadata) patch.userMetadata = metadata
    let newEmail: string | undefined
    if (body.email !== undefined) {
      newEmail = normalizeEmail(body.email)
      if (newEmail !== user.email) {
        patch.email = newEmail
        // An anonymous user who adds an address becomes a permanent one.
        if (user.is_anonymous) patch.isAnonymous = false
        if (settings.requireEmailConfirmation) patch.emailVerified = false
      }
    }
    if (body.password !== undefined) patch.passwordHash = await hashPassword(checkPasswordPolicy(body.password, settings.minPasswordLength))
    const updated = await updateUser(auth.db, user.id, patch)
    if (!updated) throw new ApiError(401, 'INVALID_TOKEN', 'Invalid or expired Bearer token', 'user not found')
    if (patch.passwordHash) {
      // Whoever knew the old password keeps no session; the caller keeps theirs.
      const ended = await revokeSessions(auth, { userId: user.id, exceptSessionId: sessionId }, 'password_changed')
      logSecurity(auth.ctx.logs, { event: 'password_changed', message: `password changed (${ended} other session${ended === 1 ? '' : 's'} ended)`, meta, userId: user.id, email: updated.email })
    }
    if (patch.email && settings.requireEmailConfirmation) await sendAuthMail(auth, { id: user.id, email: patch.email }, 'email_change')
    return userJson(updated)
  })
}
