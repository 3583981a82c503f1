// auth/otp-codes.ts — six-digit one-time codes (sign-in by email or SMS, reauthentication nonces): issue one, deliver
// it to the local inbox (an SMS lands there too, marked as such), redeem it once. Only SHA-256(user:code) is stored,
// a new code replaces the user's earlier ones on the same channel, and wrong guesses burn the code.
import crypto from 'node:crypto'
import { ApiError } from '../errors.js'
import type { AuthModule } from './auth-module.js'
import type { MailMessage } from './mail/mail-inbox.js'
import { MAIL_FROM } from './mail/mail-templates.js'

export type OtpChannel = 'email' | 'sms' | 'reauthentication'

export const OTP_TTL_MINUTES = 10
/** Wrong guesses one code survives: a million codes cannot be walked through five tries at a time. */
export const OTP_MAX_ATTEMPTS = 5

const hashCode = (userId: string, code: string) => crypto.createHash('sha256').update(`${userId}:${code}`).digest('hex')

export const INVALID_OTP = () => new ApiError(401, 'INVALID_OTP', 'Token has expired or is invalid', undefined, 'codes are single-use and expire after 10 minutes; ask for a new one (resendOtp)')

const PHONE = /^\+?[1-9]\d{6,14}$/

/** "+1 (555) 010-9999" → "+15550109999"; anything that is not a phone number is a 400. */
export function normalizePhone(raw: unknown): string {
  const phone = typeof raw === 'string' ? raw.replace(/[\s().-]/g, '') : ''
  if (!phone) throw new ApiError(400, 'VALIDATION_ERROR', 'phone is required')
  if (!PHONE.test(phone)) throw new ApiError(400, 'VALIDATION_ERROR', `invalid phone number: "${String(raw).slice(0, 40)}" (use the international form, e.g. +15550109999)`)
  return phone.startsWith('+') ? phone : `+${phone}`
}

function composeCodeMail(channel: OtpChannel, code: string) {
  if (channel === 'sms') return { subject: `SMS: your code is ${code}`, text: `Your verification code is ${code}. It expires in ${OTP_TTL_MINUTES} minutes.\n`, html: `<p>Your verification code is <strong>${code}</strong>.</p>` }
  const what = channel === 'reauthentication' ? 'confirm it is you' : 'sign in'
  return {
    subject: `Your code: ${code}`,
    text: `Use this code to ${what}: ${code}\n\nIt expires in ${OTP_TTL_MINUTES} minutes. If you did not ask for it, ignore this mail.\n`,
    html: `<p>Use this code to ${what}:</p><p style="font-size:24px;letter-spacing:4px"><strong>${code}</strong></p><p>It expires in ${OTP_TTL_MINUTES} minutes.</p>`,
  }
}

/** Mints a code for `user` on `channel`, invalidating the earlier ones, and delivers it to the local inbox. */
export async function issueCode(auth: AuthModule, user: { id: string }, channel: OtpChannel, destination: string): Promise<{ code: string; mail: MailMessage }> {
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
  await auth.db.query('UPDATE auth.otp_codes SET used_at = now() WHERE user_id = $1 AND channel = $2 AND used_at IS NULL', [user.id, channel])
  await auth.db.query(
    `INSERT INTO auth.otp_codes (user_id, channel, destination, code_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [user.id, channel, destination, hashCode(user.id, code), OTP_TTL_MINUTES],
  )
  const mail = auth.inbox.deliver({
    kind: channel === 'sms' ? 'sms' : 'otp',
    to: destination,
    from: channel === 'sms' ? 'SMS' : MAIL_FROM,
    ...composeCodeMail(channel, code),
    link: '',
    token: code,
    user_id: user.id,
  })
  return { code, mail }
}

/**
 * Redeems the user's current code on `channel`: true once for the right code. A wrong code counts against the
 * current one (one statement, so parallel guesses count too); at OTP_MAX_ATTEMPTS it is burnt.
 */
export async function redeemCode(auth: AuthModule, userId: string, channel: OtpChannel, code: unknown): Promise<boolean> {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code.trim())) return false
  const { rows } = await auth.db.query<{ ok: boolean }>(
    `UPDATE auth.otp_codes SET
        used_at = CASE WHEN code_hash = $3 OR attempts + 1 >= $4 THEN now() ELSE NULL END,
        attempts = attempts + CASE WHEN code_hash = $3 THEN 0 ELSE 1 END
      WHERE id = (SELECT id FROM auth.otp_codes WHERE user_id = $1 AND channel = $2 AND used_at IS NULL AND expires_at > now()
                  ORDER BY created_at DESC LIMIT 1 FOR UPDATE)
      RETURNING code_hash = $3 AS ok`,
    [userId, channel, hashCode(userId, code.trim()), OTP_MAX_ATTEMPTS],
  )
  return rows[0]?.ok === true
}
