// auth/routes/email-link-routes.ts — the flows that go through a mail: magic link, password recovery, email
// confirmation. The mails land in the local inbox (DIR/mail); these endpoints send them and redeem their tokens.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError } from '../../errors.js'
import type { AuthModule } from '../auth-module.js'
import { checkRedirect, consumeLinkToken, peekLinkToken, sendAuthMail } from '../email-links.js'
import { checkPasswordPolicy, hashPassword } from '../passwords.js'
import { requestMeta } from '../request-meta.js'
import { logSecurity } from '../security-log.js'
import { openSession, revokeSessions } from '../sessions.js'
import { userJson } from '../user-json.js'
import { createUser, findUserByEmail, normalizeEmail, updateUser } from '../users.js'
import { parseBody } from './body.js'
import { rateLimit } from './guards.js'
import { verifyPage } from './verify-page.js'

const emailBody = z.object({ email: z.unknown().optional(), redirect_to: z.unknown().optional(), captcha_token: z.string().optional() })
const tokenBody = z.object({ token: z.unknown().optional() })
const resetBody = z.object({ token: z.unknown().optional(), new_password: z.unknown().optional() })

/** Upstream's "OTP" answer: the same whether or not the address exists. */
const SENT = (what: string) => ({ message: `If the address can receive it, ${what} has been sent`, user: null, session: null })

export async function registerEmailLinkRoutes(app: FastifyInstance, auth: AuthModule): Promise<void> {
  const { ctx, settings } = auth

  app.post('/api/v1/auth/magiclink', async (request, reply) => {
    if (!settings.magicLinkEnabled) throw new ApiError(403, 'MAGIC_LINK_DISABLED', 'Magic link sign-in is disabled')
    await rateLimit(auth, request, reply)
    const body = parseBody(emailBody, request.body)
    const email = normalizeEmail(body.email)
    const redirectTo = checkRedirect(body.redirect_to)
    const meta = requestMeta(request)
    let user = await findUserByEmail(auth.db, email)
    if (!user && settings.signupEnabled) {
      // As Supabase's signInWithOtp: the first magic link creates the account; following it confirms the address.
      user = { ...(await createUser(auth.db, { email, emailVerified: false })), password_hash: null }
      logSecurity(ctx.logs, { event: 'signup', message: `${email} signed up through a magic link`, meta, email, userId: user.id })
    }
    if (user) {
      await sendAuthMail(auth, { id: user.id, email }, 'magiclink', redirectTo)
      logSecurity(ctx.logs, { event: 'magic_link_sent', message: `magic link sent to ${email}`, meta, email, userId: user.id })
    }
    return SENT('a magic link')
  })

  app.post('/api/v1/auth/magiclink/verify', async (request) => {
    const body = parseBody(tokenBody, request.body)
    const link = await consumeLinkToken(auth, body.token, ['magiclink', 'invite'])
    if (!link) throw new ApiError(400, 'INVALID_TOKEN', 'Invalid or expired magic link token')
    // Following the link proves the mailbox: the address is confirmed.
    const user = await updateUser(auth.db, link.user_id, { emailVerified: true, unlock: true })
    if (!user) throw new ApiError(400, 'INVALID_TOKEN', 'Invalid or expired magic link token')
    const meta = requestMeta(request)
    const tokens = await openSession(auth, user, meta)
    logSecurity(ctx.logs, { event: 'magic_link_used', message: `${link.email} signed in with a ${link.kind === 'invite' ? 'invitation' : 'magic'} link`, meta, email: link.email, userId: user.id })
    return { user: userJson(user), ...tokens }
  })

  app.post('/api/v1/auth/password/reset', async (request, reply) => {
    await rateLimit(auth, request, reply)
    const body = parseBody(emailBody, request.body)
    const email = normalizeEmail(body.email)
    const redirectTo = checkRedirect(body.redirect_to)
    const meta = requestMeta(request)
    const user = await findUserByEmail(auth.db, email)
    if (user && !user.is_anonymous) {
      await sendAuthMail(auth, { id: user.id, email }, 'recovery', redirectTo)
      logSecurity(ctx.logs, { event: 'password_reset_requested', message: `password reset mail sent to ${email}`, meta, email, userId: user.id })
    }
    return SENT('a password reset link')
  })

  app.post('/api/v1/auth/password/reset/verify', async (request) => {
    const body = parseBody(tokenBody, request.body)
    if (!(await peekLinkToken(auth, body.token, ['recovery']))) throw new ApiError(400, 'INVALID_TOKEN', 'Invalid or expired reset token')
    return { valid: true, message: 'Token is valid' }
  })

  app.post('/api/v1/auth/password/reset/confirm', async (request) => {
    const body = parseBody(resetBody, request.body)
    // The password is checked before the token is spent, so a too-short password can be retried with the same link.
    const password = checkPasswordPolicy(body.new_password, settings.minPasswordLength)
    if (!(await peekLinkToken(auth, body.token, ['recovery']))) throw new ApiError(400, 'INVALID_TOKEN', 'Invalid or expired reset token')
    const passwordHash = await hashPassword(password)
    const link = await consumeLinkToken(auth, body.token, ['recovery'])
    if (!link) throw new ApiError(400, 'INVALID_TOKEN', 'Invalid or expired reset token')
    const user = await updateUser(auth.db, link.user_id, { passwordHash, emailVerified: true, unlock: true })
    if (!user) throw new ApiError(400, 'INVALID_TOKEN', 'Invalid or expired reset token')
    const meta = requestMeta(request)
    const ended = await revokeSessions(auth, { userId: user.id }, 'password_reset')
    const tokens = await openSession(auth, user, meta)
    logSecurity(ctx.logs, { event: 'password_reset', message: `password reset for ${link.email} (${ended} session${ended === 1 ? '' : 's'} ended)`, meta, email: link.email, userId: user.id })
    return { message: 'Password has been reset', user: userJson(user), ...tokens }
  })

  app.post('/api/v1/auth/verify-email', async (request) => {
    const body = parseBody(tokenBody, request.body)
    const link = await consumeLinkToken(auth, body.token, ['signup', 'email_change'])
    if (!link) throw new ApiError(400, 'INVALID_TOKEN', 'Invalid or expired verification token')
    const user = await updateUser(auth.db, link.user_id, { emailVerified: true })
    if (!user) throw new ApiError(400, 'INVALID_TOKEN', 'Invalid or expired verification token')
    logSecurity(ctx.logs, { event: 'email_verified', message: `${link.email} confirmed`, meta: requestMeta(request), email: link.email, userId: user.id })
    return { message: 'Email verified successfully. You can now sign in.', user: userJson(user) }
  })

  app.post('/api/v1/auth/verify-email/resend', async (request, reply) => {
    await rateLimit(auth, request, reply)
    const body = parseBody(emailBody, request.body)
    const email = normalizeEmail(body.email)
    const user = await findUserByEmail(auth.db, email)
    if (!user) return { message: 'If an account exists with this email, a verification link has been sent.' }
    if (user.email_verified) return { message: 'Email is already verified. You can sign in.' }
    await sendAuthMail(auth, { id: user.id, email }, 'signup', checkRedirect(body.redirect_to))
    return { message: 'Verification email sent. Please check your inbox.' }
  })

  // Where mail links point when no redirect_to was given: confirmation completes here; magic and recovery links
  // are handed to the app (redirect) or shown with their token, because only the app can hold the session.
  app.get('/api/v1/auth/verify', async (request, reply) => {
    const q = request.query as { token?: string; type?: string }
    const type = q.type ?? 'signup'
    if (type === 'signup' || type === 'email_change') {
      const link = await consumeLinkToken(auth, q.token, ['signup', 'email_change'])
      const user = link && (await updateUser(auth.db, link.user_id, { emailVerified: true }))
      if (!link || !user) return reply.status(400).type('text/html; charset=utf-8').send(verifyPage('This confirmation link is invalid, already used or expired.'))
      logSecurity(ctx.logs, { event: 'email_verified', message: `${link.email} confirmed`, meta: requestMeta(request), email: link.email, userId: user.id })
      if (link.redirect_to) return reply.redirect(link.redirect_to, 303)
      return reply.type('text/html; charset=utf-8').send(verifyPage(`${link.email} is confirmed. You can close this page and sign in.`))
    }
    if (type === 'magiclink' || type === 'recovery' || type === 'invite') {
      const link = await peekLinkToken(auth, q.token, [type])
      if (!link) return reply.status(400).type('text/html; charset=utf-8').send(verifyPage('This link is invalid, already used or expired.'))
      if (link.redirect_to) {
        const target = new URL(link.redirect_to)
        target.searchParams.set('token', String(q.token))
        target.searchParams.set('type', type)
        return reply.redirect(target.toString(), 303)
      }
      const endpoint = type === 'recovery' ? 'POST /api/v1/auth/password/reset/confirm {token, new_password}' : 'POST /api/v1/auth/magiclink/verify {token}'
      return reply.type('text/html; charset=utf-8').send(verifyPage(`This link is valid. No redirect_to was given, so your app should send the token itself: ${endpoint}.`, String(q.token)))
    }
    throw new ApiError(400, 'VALIDATION_ERROR', `unknown link type "${type}"`)
  })

}
