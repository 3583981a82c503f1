// auth/mfa-factors.ts — TOTP second factors (auth.mfa_factors): the secret and otpauth:// URI (RFC 6238 through the
// `otpauth` library), code checks that never accept one code twice, backup codes, and a lock after too many wrong
// codes. Also the one place every sign-in ends (finishSignIn): a user with a verified factor gets a challenge
// (`requires_2fa`) instead of tokens, whichever first factor they used.
import crypto from 'node:crypto'
import * as OTPAuth from 'otpauth'
import { ApiError } from '../errors.js'
import type { AuthModule } from './auth-module.js'
import type { RequestMeta } from './request-meta.js'
import { logSecurity } from './security-log.js'
import { openSession } from './sessions.js'
import { USER_COLUMNS, userJson, type UserRow } from './user-json.js'
import { openTotpSecret } from './totp-secret-seal.js'

/** Wrong codes in a row before the factor locks (for lockoutMinutes, as passwords do). */
export const MFA_MAX_ATTEMPTS = 10
/** How long after the password the code may be sent. */
export const CHALLENGE_MINUTES = 5
const PERIOD = 30

export interface FactorRow {
  id: string
  user_id: string
  status: 'unverified' | 'verified'
  friendly_name: string | null
  secret: string
  backup_code_hashes: string[]
  last_used_step: string | null
  failed_attempts: number
  locked_until: Date | null
  challenge_expires_at: Date | null
  created_at: Date
  updated_at: Date
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex')

export function newTotp(issuer: string, label: string, secret?: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: secret ? OTPAuth.Secret.fromBase32(secret) : new OTPAuth.Secret({ size: 20 }) })
}

export function factorJson(f: FactorRow) {
  return { id: f.id, type: 'totp' as const, status: f.status, friendly_name: f.friendly_name ?? undefined, created_at: f.created_at.toISOString(), updated_at: f.updated_at.toISOString() }
}

export async function userFactor(auth: AuthModule, userId: string): Promise<FactorRow | undefined> {
  const { rows } = await auth.db.query<FactorRow>("SELECT * FROM auth.mfa_factors WHERE user_id = $1 AND factor_type = 'totp'", [userId])
  // The secret is sealed at rest (totp-secret-seal.ts); the row handed on carries it opened, for the code check.
  return rows[0] && { ...rows[0], secret: openTotpSecret(auth.ctx.keys.encryptionKey, rows[0].user_id, rows[0].secret) }
}

/** Ten single-use codes for when the authenticator is lost; only their hashes are kept. */
export function newBackupCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => crypto.randomBytes(5).toString('hex').replace(/^(.{5})/, '$1-'))
  return { codes, hashes: codes.map(sha256) }
}

function lockedError(until: Date): ApiError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000))
  return new ApiError(403, 'MFA_LOCKED', `Two-factor authentication locked after too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, 'an admin can remove the factor from the studio (Auth → Users)')
}

/**
 * Checks a code against the factor: a TOTP code of the current step ±1 not used before, or (allowBackup) an unused
 * backup code. Success resets the failure count; a failure counts toward MFA_MAX_ATTEMPTS in one statement.
 */
export async function checkFactorCode(auth: AuthModule, factor: FactorRow, code: unknown, opts: { allowBackup: boolean; meta: RequestMeta }): Promise<void> {
  if (factor.locked_until && factor.locked_until.getTime() > Date.now()) throw lockedError(factor.locked_until)
  const given = typeof code === 'string' ? code.trim() : typeof code === 'number' ? String(code).padStart(6, '0') : ''
  if (!given) throw new ApiError(400, 'VALIDATION_ERROR', 'code is required (the 6-digit code from the authenticator app)')
  let accepted = false
  if (/^\d{6}$/.test(given)) {
    const delta = newTotp('x', 'x', factor.secret).validate({ token: given, window: 1 })
    const step = delta === null ? undefined : Math.floor(Date.now() / 1000 / PERIOD) + delta
    if (step !== undefined) {
      // The step only moves forward: a code seen once (or an older one) is refused, even within its 30 s.
      const { rowCount } = await auth.db.query(
        'UPDATE auth.mfa_factors SET last_used_step = $2, failed_attempts = 0, locked_until = NULL WHERE id = $1 AND (last_used_step IS NULL OR last_used_step < $2)',
        [factor.id, step],
      )
      accepted = rowCount === 1
    }
  } else if (opts.allowBackup) {
    const { rowCount } = await auth.db.query(
      'UPDATE auth.mfa_factors SET backup_code_hashes = array_remove(backup_code_hashes, $2), failed_attempts = 0, locked_until = NULL WHERE id = $1 AND $2 = ANY(backup_code_hashes)',
      [factor.id, sha256(given.toLowerCase())],
    )
    accepted = rowCount === 1
  }
  if (accepted) return
  const max = auth.settings.lockoutMaxAttempts > 0 ? MFA_MAX_ATTEMPTS : 0
  const { rows } = await auth.db.query<{ failed_attempts: number; locked_until: Date | null }>(
    `UPDATE auth.mfa_factors SET failed_attempts = failed_attempts + 1,
        locked_until = CASE WHEN $2 > 0 AND failed_attempts + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
      WHERE id = $1 RETURNING failed_attempts, locked_until`,
    [factor.id, max, auth.settings.lockoutMinutes * 60],
  )
  const after = rows[0]
  logSecurity(auth.ctx.logs, { event: 'mfa_failed', success: false, message: `wrong two-factor code (${after?.failed_attempts ?? '?'} in a row)`, meta: opts.meta, userId: factor.user_id })
  if (after?.locked_until && after.locked_until.getTime() > Date.now()) {
    logSecurity(auth.ctx.logs, { event: 'account_locked', level: 'warn', success: false, message: `two-factor locked after ${after.failed_attempts} wrong codes`, meta: opts.meta, userId: factor.user_id })
    throw lockedError(after.locked_until)
  }
  throw new ApiError(401, 'INVALID_2FA_CODE', 'Invalid two-factor code', undefined, 'use the current 6-digit code of the authenticator app (each code works once), or a backup code')
}

export interface TwoFactorRequired {
  requires_2fa: true
  user_id: string
  message: string
}

/** Tokens for `user`, or — when a verified factor exists — a challenge the client answers at /2fa/verify. */
export async function finishSignIn(auth: AuthModule, user: UserRow, meta: RequestMeta, how: string): Promise<({ user: ReturnType<typeof userJson> } & Awaited<ReturnType<typeof openSession>>) | TwoFactorRequired> {
  const { rowCount } = await auth.db.query(
    "UPDATE auth.mfa_factors SET challenge_expires_at = now() + make_interval(mins => $2) WHERE user_id = $1 AND status = 'verified'",
    [user.id, CHALLENGE_MINUTES],
  )
  if (rowCount) {
    logSecurity(auth.ctx.logs, { event: 'mfa_challenge', message: `${how}: two-factor code required`, meta, userId: user.id, email: user.email ?? undefined })
    return { requires_2fa: true, user_id: user.id, message: 'Two-factor authentication required: send the code from the authenticator app to /api/v1/auth/2fa/verify' }
  }
  const { rows } = await auth.db.query<UserRow>(`UPDATE auth.users AS u SET last_sign_in_at = now() WHERE u.id = $1 RETURNING ${USER_COLUMNS}`, [user.id])
  const fresh = rows[0] ?? user
  return { user: userJson(fresh), ...(await openSession(auth, fresh, meta)) }
}
