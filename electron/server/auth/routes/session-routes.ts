// auth/routes/session-routes.ts — POST /api/v1/auth/signup, /signin, /signin/anonymous, /refresh, /signout:
// the contract's §3 shapes. Tokens come from sessions.ts; refusals are ApiErrors rendered by the HTTP edge.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError } from '../../errors.js'
import { AUTH_REQUIRED_MESSAGE, bearerToken } from '../identify.js'
import type { AuthModule } from '../auth-module.js'
import { sendAuthMail } from '../email-links.js'
import { verifyJwtIgnoringExpiry } from '../jwt.js'
import { checkPasswordPolicy, hashPassword } from '../passwords.js'
import { signInWithPassword } from '../password-sign-in.js'
import { requestMeta } from '../request-meta.js'
import { logSecurity } from '../security-log.js'
import { openSession, revokeSessions, rotateRefreshToken } from '../sessions.js'
import { userJson } from '../user-json.js'
import { createUser, isUuid, normalizeEmail } from '../users.js'
import { jsonObject, parseBody } from './body.js'
import { rateLimit } from './guards.js'

const signUpBody = z.object({
  email: z.unknown().optional(),
  password: z.unknown().optional(),
  // user_metadata is the contract's name; older SDKs send `metadata`, Supabase-style clients `data`.
  user_metadata: jsonObject.optional(),
  metadata: jsonObject.optional(),
  data: jsonObject.optional(),
  captcha_token: z.string().optional(),
  redirect_to: z.string().optional(),
})

const signInBody = z.object({ email: z.unknown().optional(), password: z.unknown().optional() })
const refreshBody = z.object({ refresh_token: z.unknown().optional() })

export async function registerSessionRoutes(app: FastifyInstance, auth: AuthModule): Promise<void> {
  const { ctx, settings } = auth

  app.post('/api/v1/auth/signup', async (request, reply) => {
    if (!settings.signupEnabled) throw new ApiError(403, 'SIGNUP_DISABLED', 'User registration is disabled')
    await rateLimit(auth, request, reply)
    const body = parseBody(signUpBody, request.body)
    const email = normalizeEmail(body.email)
    const password = checkPasswordPolicy(body.password, settings.minPasswordLength)
    const meta = requestMeta(request)
    const confirm = settings.requireEmailConfirmation
    const user = await createUser(auth.db, {
      email,
      passwordHash: await hashPassword(password),
      emailVerified: !confirm,
      userMetadata: body.user_metadata ?? body.metadata ?? body.data ?? {},
    })
    logSecurity(ctx.logs, { event: 'signup', message: `${email} signed up`, meta, email, userId: user.id })
    if (confirm) {
      await sendAuthMail(auth, { id: user.id, email }, 'signup', body.redirect_to)
      return reply.status(201).send({
        user: userJson(user),
        requires_email_verification: true,
        message: 'Check your email for the confirmation link (local mails are in the studio: Auth → Mail)',
      })
    }
    const tokens = await openSession(auth, user, meta)
    return reply.status(201).send({ user: userJson(user), ...tokens })
  })

  app.post('/api/v1/auth/signin', async (request, reply) => {
    await rateLimit(auth, request, reply)
    const body = parseBody(signInBody, request.body)
    return signInWithPassword(auth, body.email, body.password, requestMeta(request))
  })

  app.post('/api/v1/auth/signin/anonymous', async (request, reply) => {
    if (!settings.anonymousSignInsEnabled) throw new ApiError(403, 'ANONYMOUS_SIGNIN_DISABLED', 'Anonymous sign-ins are disabled')
    await rateLimit(auth, request, reply)
    const meta = requestMeta(request)
    const user = await createUser(auth.db, { email: null, emailVerified: false, isAnonymous: true, userMetadata: {} })
    const tokens = await openSession(auth, user, meta)
    logSecurity(ctx.logs, { event: 'anonymous_signin', message: `anonymous user ${user.id} signed in`, meta, userId: user.id })
    return { user: userJson(user), ...tokens, is_anonymous: true }
  })

  app.post('/api/v1/auth/refresh', async (request) => {
    const body = parseBody(refreshBody, request.body)
    // No user in the response (contract §3): the SDK keeps the one it has.
    return rotateRefreshToken(auth, body.refresh_token, requestMeta(request))
  })

  app.post('/api/v1/auth/signout', async (request) => {
    const token = bearerToken(request)
    if (!token) throw new ApiError(401, 'UNAUTHORIZED', AUTH_REQUIRED_MESSAGE)
    const payload = await verifyJwtIgnoringExpiry(ctx.keys.secret, token)
    if (!payload || payload.token_type === 'refresh') throw new ApiError(401, 'INVALID_TOKEN', 'Invalid or expired Bearer token')
    const meta = requestMeta(request)
    const scope = (request.query as { scope?: string }).scope ?? 'local'
    const sub = typeof payload.sub === 'string' ? payload.sub : ''
    const sid = payload.session_id
    let revoked = 0
    if (isUuid(sid)) {
      if (scope === 'global' && isUuid(sub)) revoked = await revokeSessions(auth, { userId: sub }, 'signout_global')
      else if (scope === 'others' && isUuid(sub)) revoked = await revokeSessions(auth, { userId: sub, exceptSessionId: sid }, 'signout_others')
      else revoked = await revokeSessions(auth, { sessionIds: [sid] }, 'signout')
    } else if (typeof payload.jti === 'string' && typeof payload.exp === 'number' && sub) {
      // A session-less user token (impersonation): blacklist this one token until it would have expired anyway.
      await auth.db.query('INSERT INTO auth.revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT (jti) DO NOTHING', [payload.jti, payload.exp])
      auth.revocations.jtiRevoked(payload.jti, payload.exp)
    }
    if (sub) logSecurity(ctx.logs, { event: 'logout', message: `signed out (${scope}, ${revoked} session${revoked === 1 ? '' : 's'} revoked)`, meta, userId: sub, email: typeof payload.email === 'string' ? payload.email : undefined })
    return { message: 'Successfully signed out' }
  })
}
