// auth/password-sign-in.ts — email + password → a new session, with upstream's refusals: 401 for a wrong pair
// (same words whether or not the address exists), 403 ACCOUNT_LOCKED after too many failures in a row,
// 403 EMAIL_NOT_VERIFIED while confirmation is required and pending.
import { ApiError } from '../errors.js'
import type { AuthModule } from './auth-module.js'
import { burnPasswordCheck, verifyPassword } from './passwords.js'
import type { RequestMeta } from './request-meta.js'
import { logSecurity } from './security-log.js'
import { finishSignIn } from './mfa-factors.js'
import { USER_COLUMNS, type UserRow } from './user-json.js'
import { findUserByEmail, normalizeEmail } from './users.js'

export const INVALID_CREDENTIALS = 'Invalid email or password'

function lockedError(until: Date): ApiError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000))
  return new ApiError(403, 'ACCOUNT_LOCKED', `Account locked after too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, 'an admin can unlock it from the studio (Auth → Users)')
}

export async function signInWithPassword(auth: AuthModule, rawEmail: unknown, password: unknown, meta: RequestMeta): ReturnType<typeof finishSignIn> {
  if (typeof password !== 'string' || !password) throw new ApiError(400, 'VALIDATION_ERROR', 'password is required')
  const email = normalizeEmail(rawEmail)
  const { logs } = auth.ctx
  const user = await findUserByEmail(auth.db, email)
  const fail = (reason: string) => {
    logSecurity(logs, { event: 'login_failed', success: false, message: `sign-in failed for ${email}: ${reason}`, meta, email, userId: user?.id })
    return new ApiError(401, 'INVALID_CREDENTIALS', INVALID_CREDENTIALS)
  }
  if (!user || !user.password_hash) {
    await burnPasswordCheck(password)
    throw fail(user ? 'the user has no password' : 'unknown email')
  }
  const lockout = auth.settings.lockoutMaxAttempts > 0
  if (lockout && user.locked_until && user.locked_until.getTime() > Date.now()) {
    logSecurity(logs, { event: 'login_failed', success: false, message: `sign-in refused for ${email}: account locked`, meta, email, userId: user.id })
    throw lockedError(user.locked_until)
  }

  if (!(await verifyPassword(user.password_hash, password))) {
    if (!lockout) throw fail('wrong password')
    // One statement counts the failure and locks at the threshold, so parallel guesses cannot slip past it.
    // An expired lock starts a fresh count.
    const { rows } = await auth.db.query<{ failed_login_attempts: number; locked_until: Date | null }>(
      `UPDATE auth.users AS u SET
          failed_login_attempts = CASE WHEN u.locked_until IS NOT NULL AND u.locked_until <= now() THEN 1 ELSE u.failed_login_attempts + 1 END,
          locked_until = CASE
            WHEN (CASE WHEN u.locked_until IS NOT NULL AND u.locked_until <= now() THEN 1 ELSE u.failed_login_attempts + 1 END) >= $2
              THEN now() + make_interval(secs => $3)
            WHEN u.locked_until IS NOT NULL AND u.locked_until <= now() THEN NULL
            ELSE u.locked_until END
        WHERE u.id = $1 RETURNING u.failed_login_attempts, u.locked_until`,
      [user.id, auth.settings.lockoutMaxAttempts, auth.settings.lockoutMinutes * 60],
    )
    const after = rows[0]
    if (after?.locked_until && after.locked_until.getTime() > Date.now()) {
      logSecurity(logs, {
        event: 'account_locked',
        level: 'warn',
        success: false,
        message: `account ${email} locked after ${after.failed_login_attempts} failed sign-in attempts`,
        meta,
        email,
        userId: user.id,
        fields: { locked_until: after.locked_until.toISOString() },
      })
      throw lockedError(after.locked_until)
    }
    throw fail(`wrong password (${after?.failed_login_attempts ?? '?'} in a row)`)
  }

  if (auth.settings.requireEmailConfirmation && !user.email_verified) {
    logSecurity(logs, { event: 'login_failed', success: false, message: `sign-in refused for ${email}: email not verified`, meta, email, userId: user.id })
    throw new ApiError(403, 'EMAIL_NOT_VERIFIED', 'Email not verified: follow the link in the confirmation mail first', undefined, 'local mails are in the studio (Auth → Mail)')
  }
  const { rows } = await auth.db.query<UserRow>(
    `UPDATE auth.users AS u SET failed_login_attempts = 0, locked_until = NULL, last_sign_in_at = now() WHERE u.id = $1 RETURNING ${USER_COLUMNS}`,
    [user.id],
  )
  const fresh = rows[0] ?? user
  logSecurity(logs, { event: 'login_success', message: `${email} signed in`, meta, email, userId: user.id })
  // A user with a verified TOTP factor gets a challenge instead of tokens (mfa-factors.ts).
  return finishSignIn(auth, fresh, meta, 'password sign-in')
}
