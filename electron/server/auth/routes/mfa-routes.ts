// auth/routes/mfa-routes.ts — /api/v1/auth/2fa/{setup,enable,disable,status,verify}: the SDK's setup2FA(),
// enable2FA(), disable2FA(), get2FAStatus() and verify2FA() with its Supabase-style shapes (TwoFactorSetupResponse
// {id, type, totp:{qr_code, secret, uri}}, …). verify answers the challenge a sign-in left (mfa-factors.ts).
import type { FastifyInstance } from 'fastify'
import QRCode from 'qrcode'
import { z } from 'zod'
import { ApiError } from '../../errors.js'
import type { AuthModule } from '../auth-module.js'
import { checkFactorCode, factorJson, newBackupCodes, newTotp, userFactor } from '../mfa-factors.js'
import { verifyPassword } from '../passwords.js'
import { requestMeta } from '../request-meta.js'
import { logSecurity } from '../security-log.js'
import { openSession } from '../sessions.js'
import { userJson } from '../user-json.js'
import { getUser, isUuid } from '../users.js'
import { parseBody } from './body.js'
import { rateLimit } from './guards.js'
import { sessionUser } from './user-routes.js'
import { sealTotpSecret } from '../totp-secret-seal.js'

const setupBody = z.object({ issuer: z.string().max(100).optional(), friendly_name: z.string().max(100).optional() })
const codeBody = z.object({ code: z.unknown().optional() })
const disableBody = z.object({ password: z.unknown().optional(), code: z.unknown().optional() })
const verifyBody = z.object({ user_id: z.unknown().optional(), code: z.unknown().optional() })

const DEFAULT_ISSUER = 'Fluxbase'

export async function registerMfaRoutes(app: FastifyInstance, auth: AuthModule): Promise<void> {
  const { ctx } = auth

  app.post('/api/v1/auth/2fa/setup', async (request) => {
    const { user } = await sessionUser(auth, request)
    const body = parseBody(setupBody, request.body)
    const existing = await userFactor(auth, user.id)
    if (existing?.status === 'verified') throw new ApiError(409, 'MFA_ALREADY_ENABLED', 'Two-factor authentication is already enabled', undefined, 'disable it first (disable2FA) to enrol a new authenticator')
    const totp = newTotp(body.issuer || DEFAULT_ISSUER, user.email || user.phone || user.id)
    const secret = totp.secret.base32
    // A new setup replaces an earlier unfinished one (its secret was never confirmed).
    const { rows } = await auth.db.query<{ id: string }>(
      `INSERT INTO auth.mfa_factors (user_id, secret, friendly_name) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, factor_type) DO UPDATE SET secret = EXCLUDED.secret, friendly_name = EXCLUDED.friendly_name, status = 'unverified',
         last_used_step = NULL, failed_attempts = 0, locked_until = NULL, backup_code_hashes = '{}', updated_at = now()
       RETURNING id::text`,
      [user.id, sealTotpSecret(ctx.keys.encryptionKey, user.id, secret), body.friendly_name ?? null],
    )
    const uri = totp.toString()
    return { id: rows[0]!.id, type: 'totp', totp: { qr_code: await QRCode.toDataURL(uri), secret, uri } }
  })

  app.post('/api/v1/auth/2fa/enable', async (request) => {
    const { user } = await sessionUser(auth, request)
    const body = parseBody(codeBody, request.body)
    const factor = await userFactor(auth, user.id)
    if (!factor) throw new ApiError(400, 'MFA_NOT_SET_UP', 'Two-factor authentication is not set up', undefined, 'call setup2FA() first and scan its QR code')
    if (factor.status === 'verified') throw new ApiError(409, 'MFA_ALREADY_ENABLED', 'Two-factor authentication is already enabled')
    const meta = requestMeta(request)
    await checkFactorCode(auth, factor, body.code, { allowBackup: false, meta })
    const backup = newBackupCodes()
    await auth.db.query("UPDATE auth.mfa_factors SET status = 'verified', backup_code_hashes = $2, updated_at = now() WHERE id = $1", [factor.id, backup.hashes])
    logSecurity(ctx.logs, { event: 'mfa_enabled', message: 'two-factor authentication enabled', meta, userId: user.id, email: user.email })
    return { success: true, backup_codes: backup.codes, message: 'Two-factor authentication enabled. Keep the backup codes somewhere safe: each works once.' }
  })

  app.post('/api/v1/auth/2fa/disable', async (request) => {
    const { user } = await sessionUser(auth, request)
    const body = parseBody(disableBody, request.body)
    const factor = await userFactor(auth, user.id)
    if (!factor || factor.status !== 'verified') throw new ApiError(404, 'MFA_NOT_ENABLED', 'Two-factor authentication is not enabled')
    const meta = requestMeta(request)
    const { rows } = await auth.db.query<{ hash: string }>('SELECT hash FROM auth.passwords WHERE user_id = $1', [user.id])
    if (rows[0]) {
      if (typeof body.password !== 'string' || !(await verifyPassword(rows[0].hash, body.password))) throw new ApiError(401, 'INVALID_CREDENTIALS', 'Invalid password', undefined, 'disable2FA() needs the account password')
    } else {
      // Users without a password (one-time codes, OAuth) confirm with a current code instead.
      await checkFactorCode(auth, factor, body.code ?? body.password, { allowBackup: true, meta })
    }
    await auth.db.query('DELETE FROM auth.mfa_factors WHERE id = $1', [factor.id])
    logSecurity(ctx.logs, { event: 'mfa_disabled', message: 'two-factor authentication disabled', meta, userId: user.id, email: user.email })
    return { id: factor.id, success: true, message: 'Two-factor authentication disabled' }
  })

  app.get('/api/v1/auth/2fa/status', async (request) => {
    const { user } = await sessionUser(auth, request)
    const factor = await userFactor(auth, user.id)
    const all = factor ? [factorJson(factor)] : []
    return { all, totp: all, enabled: factor?.status === 'verified' }
  })

  app.post('/api/v1/auth/2fa/verify', async (request, reply) => {
    await rateLimit(auth, request, reply)
    const body = parseBody(verifyBody, request.body)
    if (!isUuid(body.user_id)) throw new ApiError(400, 'VALIDATION_ERROR', 'user_id is required (the one signIn() returned with requires_2fa)')
    const factor = await userFactor(auth, body.user_id)
    // Only after the first factor: without a fresh challenge, a user id alone gets nowhere.
    if (!factor || factor.status !== 'verified' || !factor.challenge_expires_at || factor.challenge_expires_at.getTime() <= Date.now()) {
      throw new ApiError(401, 'MFA_CHALLENGE_REQUIRED', 'No two-factor sign-in is pending for this user', undefined, 'sign in with the password (or a one-time code) first; the code must follow within 5 minutes')
    }
    const meta = requestMeta(request)
    await checkFactorCode(auth, factor, body.code, { allowBackup: true, meta })
    await auth.db.query('UPDATE auth.mfa_factors SET challenge_expires_at = NULL WHERE id = $1', [factor.id])
    const user = await getUser(auth.db, factor.user_id)
    if (!user) throw new ApiError(401, 'INVALID_CREDENTIALS', 'the user no longer exists')
    const tokens = await openSession(auth, user, meta)
    await auth.db.query('UPDATE auth.users SET last_sign_in_at = now() WHERE id = $1', [user.id])
    logSecurity(ctx.logs, { event: 'login_success', message: 'signed in with the second factor', meta, userId: user.id, email: user.email })
    return { user: userJson(user), ...tokens, token_type: 'bearer' }
  })
}
