// auth/email-links.ts — single-use tokens behind the links in auth mails (confirmation, magic link, recovery,
// invitation): mint one, put it in a mail in the local inbox, consume it exactly once. Only its SHA-256 is stored.
import crypto from 'node:crypto'
import { ApiError } from '../errors.js'
import type { AuthModule } from './auth-module.js'
import type { LinkMailKind as MailKind, MailMessage } from './mail/mail-inbox.js'
import { composeMail, MAIL_FROM } from './mail/mail-templates.js'

export const LINK_TTL_MINUTES: Record<MailKind, number> = {
  signup: 24 * 60,
  magiclink: 60,
  recovery: 60,
  invite: 7 * 24 * 60,
  email_change: 24 * 60,
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex')

/** Upstream accepts only http(s) redirect targets (INVALID_REDIRECT_URL otherwise). */
export function checkRedirect(redirectTo: unknown): string | undefined {
  if (redirectTo === undefined || redirectTo === null || redirectTo === '') return undefined
  if (typeof redirectTo === 'string') {
    try {
      const u = new URL(redirectTo)
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString()
    } catch {
      // fall through to the 400
    }
  }
  throw new ApiError(400, 'INVALID_REDIRECT_URL', 'Invalid redirect_to URL. Must be a valid HTTP or HTTPS URL.')
}

function linkFor(auth: AuthModule, kind: MailKind, token: string, redirectTo?: string): string {
  const base = redirectTo ?? auth.settings.siteUrl ?? `${auth.ctx.apiUrl}/api/v1/auth/verify`
  const url = new URL(base)
  url.searchParams.set('token', token)
  url.searchParams.set('type', kind)
  return url.toString()
}

export async function sendAuthMail(auth: AuthModule, user: { id: string; email: string }, kind: MailKind, redirectTo?: string): Promise<MailMessage> {
  const token = crypto.randomBytes(32).toString('base64url')
  const ttl = LINK_TTL_MINUTES[kind]
  // A new link of a kind replaces the user's earlier unused ones: only the latest mail works.
  await auth.db.query('UPDATE auth.one_time_tokens SET used_at = now() WHERE user_id = $1 AND kind = $2 AND used_at IS NULL', [user.id, kind])
  await auth.db.query(
    `INSERT INTO auth.one_time_tokens (user_id, kind, token_hash, email, redirect_to, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [user.id, kind, sha256(token), user.email, redirectTo ?? null, ttl],
  )
  const link = linkFor(auth, kind, token, redirectTo)
  return auth.inbox.deliver({ kind, to: user.email, from: MAIL_FROM, ...composeMail(kind, link, token, ttl), link, token, user_id: user.id })
}

export interface LinkToken {
  user_id: string
  kind: MailKind
  email: string
  redirect_to: string | null
}

/** Marks the token used and returns what it was for; undefined when unknown, used, expired or of another kind. */
export async function consumeLinkToken(auth: AuthModule, token: unknown, kinds: MailKind[]): Promise<LinkToken | undefined> {
  if (typeof token !== 'string' || !token) throw new ApiError(400, 'VALIDATION_ERROR', 'token is required')
  const { rows } = await auth.db.query<LinkToken>(
    `UPDATE auth.one_time_tokens SET used_at = now()
      WHERE token_hash = $1 AND kind = ANY($2::text[]) AND used_at IS NULL AND expires_at > now()
      RETURNING user_id, kind, email, redirect_to`,
    [sha256(token), kinds],
  )
  return rows[0]
}

/** Whether the token would be accepted, without using it (password/reset/verify). */
export async function peekLinkToken(auth: AuthModule, token: unknown, kinds: MailKind[]): Promise<LinkToken | undefined> {
  if (typeof token !== 'string' || !token) throw new ApiError(400, 'VALIDATION_ERROR', 'token is required')
  const { rows } = await auth.db.query<LinkToken>(
    `SELECT user_id, kind, email, redirect_to FROM auth.one_time_tokens
      WHERE token_hash = $1 AND kind = ANY($2::text[]) AND used_at IS NULL AND expires_at > now()`,
    [sha256(token), kinds],
  )
  return rows[0]
}
