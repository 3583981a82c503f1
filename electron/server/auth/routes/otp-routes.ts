// auth/routes/otp-routes.ts — POST /api/v1/auth/otp/signin, /otp/verify, /otp/resend: the SDK's signInWithOtp(),
// verifyOtp() and resendOtp(). Codes go to the local inbox (otp-codes.ts): by mail, or — for a phone number — as a
// message marked SMS. A verified code ends in finishSignIn (tokens, or the two-factor challenge).
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError } from '../../errors.js'
import type { AuthModule } from '../auth-module.js'
import { consumeLinkToken, sendAuthMail } from '../email-links.js'
import { finishSignIn } from '../mfa-factors.js'
import { INVALID_OTP, issueCode, normalizePhone, redeemCode } from '../otp-codes.js'
import { requestMeta } from '../request-meta.js'
import { logSecurity } from '../security-log.js'
import { USER_COLUMNS, type UserRow } from '../user-json.js'
import { createUser, findUserByEmail, getUser, normalizeEmail, updateUser } from '../users.js'
import { jsonObject, parseBody } from './body.js'
import { rateLimit } from './guards.js'

const signInBody = z.object({
  email: z.unknown().optional(),
  phone: z.unknown().optional(),
  options: z.object({ shouldCreateUser: z.boolean().optional(), data: jsonObject.optional(), emailRedirectTo: z.string().optional(), captchaToken: z.string().optional() }).optional(),
})
const verifyBody = z.object({ email: z.unknown().optional(), phone: z.unknown().optional(), token: z.unknown().optional(), type: z.unknown().optional() })
const resendBody = z.object({ type: z.unknown().optional(), email: z.unknown().optional(), phone: z.unknown().optional() })

const EMAIL_TYPES = ['email', 'magiclink', 'signup', 'invite', 'recovery', 'email_change']
const PHONE_TYPES = ['sms', 'phone_change']

/** Upstream's OTP answer: the same whether or not a user was found. */
const SENT = { user: null, session: null, message: 'If the address can receive it, a code has been sent' }

async function findUserByPhone(auth: AuthModule, phone: string): Promise<UserRow | undefined> {
  const { rows } = await auth.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM auth.users u WHERE u.phone = $1`, [phone])
  return rows[0]
}

async function createPhoneUser(auth: AuthModule, phone: string, metadata: Record<string, unknown>): Promise<UserRow> {
  const { rows } = await auth.db.query<UserRow>(
    `INSERT INTO auth.users AS u (email, phone, email_verified, user_metadata, app_metadata) VALUES (NULL, $1, false, $2, $3)
     ON CONFLICT (phone) WHERE phone IS NOT NULL DO UPDATE SET phone = EXCLUDED.phone RETURNING ${USER_COLUMNS}`,
    [phone, metadata, { provider: 'phone', providers: ['phone'] }],
  )
  return rows[0]!
}

/** Exactly one of email / phone, normalised. */
function target(body: { email?: unknown; phone?: unknown }): { email: string } | { phone: string } {
  const hasEmail = body.email !== undefined && body.email !== null && body.email !== ''
  const hasPhone = body.phone !== undefined && body.phone !== null && body.phone !== ''
  if (hasEmail === hasPhone) throw new ApiError(400, 'VALIDATION_ERROR', 'send either email or phone (exactly one of them)')
  return hasEmail ? { email: normalizeEmail(body.email) } : { phone: normalizePhone(body.phone) }
}

export async function registerOtpRoutes(app: FastifyInstance, auth: AuthModule): Promise<void> {
  const { ctx, settings } = auth

  app.post('/api/v1/auth/otp/signin', async (request, reply) => {
    await rateLimit(auth, request, reply)
    const body = parseBody(signInBody, request.body)
    const to = target(body)
    const meta = requestMeta(request)
    const mayCreate = (body.options?.shouldCreateUser ?? true) && settings.signupEnabled
    const metadata = body.options?.data ?? {}
    if ('email' in to) {
      let user: UserRow | undefined = await findUserByEmail(auth.db, to.email)
      if (!user && mayCreate) {
        user = await createUser(auth.db, { email: to.email, emailVerified: false, userMetadata: metadata })
        logSecurity(ctx.logs, { event: 'signup', message: `${to.email} signed up with a one-time code`, meta, email: to.email, userId: user.id })
      }
      if (!user && !mayCreate) throw new ApiError(422, 'USER_NOT_FOUND', `no user with the email ${to.email}, and shouldCreateUser is false`, undefined, settings.signupEnabled ? undefined : 'sign-ups are disabled (Auth → Settings)')
      await issueCode(auth, user!, 'email', to.email)
      logSecurity(ctx.logs, { event: 'otp_sent', message: `sign-in code sent to ${to.email}`, meta, email: to.email, userId: user!.id })
      return SENT
    }
    let user = await findUserByPhone(auth, to.phone)
    if (!user && !mayCreate) throw new ApiError(422, 'USER_NOT_FOUND', `no user with the phone ${to.phone}, and shouldCreateUser is false`)
    user ??= await createPhoneUser(auth, to.phone, metadata)
    await issueCode(auth, user, 'sms', to.phone)
    logSecurity(ctx.logs, { event: 'otp_sent', message: `sign-in code sent by SMS to ${to.phone} (local inbox)`, meta, userId: user.id })
    return SENT
  })

  app.post('/api/v1/auth/otp/verify', async (request, reply) => {
    await rateLimit(auth, request, reply)
    const body = parseBody(verifyBody, request.body)
    const type = typeof body.type === 'string' ? body.type : 'email'
    if (![...EMAIL_TYPES, ...PHONE_TYPES].includes(type)) throw new ApiError(400, 'VALIDATION_ERROR', `unknown OTP type "${String(body.type).slice(0, 40)}": use ${[...EMAIL_TYPES, ...PHONE_TYPES].join(', ')}`)
    if (typeof body.token !== 'string' || !body.token.trim()) throw new ApiError(400, 'VALIDATION_ERROR', 'token is required (the code from the mail or SMS)')
    const meta = requestMeta(request)
    const to = target(body)
    let user: UserRow | undefined
    if ('phone' in to) {
      if (!PHONE_TYPES.includes(type)) throw new ApiError(400, 'VALIDATION_ERROR', `a phone code is verified with type "sms", not "${type}"`)
      user = await findUserByPhone(auth, to.phone)
      if (!user || !(await redeemCode(auth, user.id, 'sms', body.token))) throw INVALID_OTP()
      await auth.db.query('UPDATE auth.users SET phone_verified = true, failed_login_attempts = 0, locked_until = NULL WHERE id = $1', [user.id])
    } else {
      if (!EMAIL_TYPES.includes(type)) throw new ApiError(400, 'VALIDATION_ERROR', `an email code is verified with type "email", not "${type}"`)
      user = await findUserByEmail(auth.db, to.email)
      let ok = !!user && (await redeemCode(auth, user.id, 'email', body.token))
      if (user && !ok && !/^\d{6}$/.test(body.token.trim())) {
        // Supabase-style verifyOtp({ type: 'signup' | 'magiclink' | …, token }) with the token of a mailed link.
        const link = await consumeLinkToken(auth, body.token.trim(), [type === 'email' ? 'magiclink' : type] as never)
        ok = !!link && link.user_id === user.id
      }
      if (!user || !ok) throw INVALID_OTP()
      user = (await updateUser(auth.db, user.id, { emailVerified: true, unlock: true })) ?? user
    }
    logSecurity(ctx.logs, { event: 'otp_signin', message: `signed in with a one-time code (${type})`, meta, userId: user.id, email: user.email })
    const fresh = (await getUser(auth.db, user.id)) ?? user
    const result = await finishSignIn(auth, fresh, meta, 'one-time code')
    return reply.send(result)
  })

  app.post('/api/v1/auth/otp/resend', async (request, reply) => {
    await rateLimit(auth, request, reply)
    const body = parseBody(resendBody, request.body)
    const type = body.type
    if (type !== 'signup' && type !== 'email' && type !== 'sms') throw new ApiError(400, 'VALIDATION_ERROR', 'type must be "signup", "email" or "sms"')
    const to = target(body)
    const meta = requestMeta(request)
    if ('phone' in to) {
      if (type !== 'sms') throw new ApiError(400, 'VALIDATION_ERROR', 'a phone number is resent a code with type "sms"')
      const user = await findUserByPhone(auth, to.phone)
      if (user) await issueCode(auth, user, 'sms', to.phone)
      return SENT
    }
    if (type === 'sms') throw new ApiError(400, 'VALIDATION_ERROR', 'type "sms" needs a phone number')
    const user = await findUserByEmail(auth.db, to.email)
    if (user && type === 'signup' && !user.email_verified) await sendAuthMail(auth, { id: user.id, email: to.email }, 'signup')
    if (user && type === 'email') await issueCode(auth, user, 'email', to.email)
    if (user) logSecurity(ctx.logs, { event: 'otp_sent', message: `${type} code resent to ${to.email}`, meta, email: to.email, userId: user.id })
    return SENT
  })
}

