// auth/oauth/local-provider.ts — an offline stand-in for any OAuth provider (github, google, …), shaped exactly as the
// real authorization-code flow: authorize → `state` (single-use, 10 minutes) → the consent page picks who signs in →
// redirect to the app's redirect_uri with `code` and `state` → the code is exchanged once for a session. Only SHA-256
// hashes of state and code are stored (auth.oauth_requests); identities live in auth.identities.
import crypto from 'node:crypto'
import { ApiError } from '../../errors.js'
import type { AuthModule } from '../auth-module.js'
import { logSecurity } from '../security-log.js'
import type { RequestMeta } from '../request-meta.js'
import { createUser, findUserByEmail, normalizeEmail } from '../users.js'
import { providerLabel } from './consent-page.js'

export const REQUEST_TTL_MINUTES = 10
const PROVIDER = /^[a-z][a-z0-9_-]{0,39}$/
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex')
const randomToken = () => crypto.randomBytes(24).toString('base64url')

export function checkProvider(raw: string): string {
  if (!PROVIDER.test(raw)) throw new ApiError(400, 'INVALID_PROVIDER', `invalid OAuth provider name "${raw.slice(0, 40)}": lower-case letters, digits, "-" and "_"`)
  return raw
}

/** http(s) URLs only: a redirect anywhere else (javascript:, data:) is refused. */
export function checkRedirectUrl(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  try {
    const u = new URL(String(value))
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString()
  } catch {
    // the 400 below
  }
  throw new ApiError(400, 'INVALID_REDIRECT_URL', `${field} must be an http(s) URL`)
}

export interface OAuthRequestRow {
  provider: string
  redirect_uri: string | null
  redirect_to: string | null
  link_user_id: string | null
  identity_id: string | null
  expires_at: Date
  consented_at: Date | null
  used_at: Date | null
}

export async function startAuthorization(auth: AuthModule, input: { provider: string; redirectUri?: string; redirectTo?: string; linkUserId?: string }): Promise<{ url: string; state: string }> {
  const state = randomToken()
  await auth.db.query(
    `INSERT INTO auth.oauth_requests (state_hash, provider, redirect_uri, redirect_to, link_user_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [sha256(state), input.provider, input.redirectUri ?? null, input.redirectTo ?? null, input.linkUserId ?? null, REQUEST_TTL_MINUTES],
  )
  return { url: `${auth.ctx.apiUrl}/api/v1/auth/oauth/local/consent?state=${encodeURIComponent(state)}`, state }
}

const invalidState = () => new ApiError(400, 'INVALID_OAUTH_STATE', 'Invalid or expired OAuth state', undefined, 'start again from signInWithOAuth(); a state works once, for 10 minutes')

export async function pendingRequest(auth: AuthModule, state: unknown): Promise<OAuthRequestRow> {
  if (typeof state !== 'string' || !state) throw invalidState()
  const { rows } = await auth.db.query<OAuthRequestRow>('SELECT * FROM auth.oauth_requests WHERE state_hash = $1 AND consented_at IS NULL AND expires_at > now()', [sha256(state)])
  if (!rows[0]) throw invalidState()
  return rows[0]
}

/** The stable subject the local provider gives one email address (as a real provider's user id). */
const subjectFor = (provider: string, email: string) => sha256(`${provider}:${email}`).slice(0, 20)

export interface ProviderUser {
  provider: string
  /** The provider's user id (OIDC `sub`). */
  sub: string
  email: string
  name?: string
  /** linkIdentity(): add the identity to this user instead of signing in. */
  linkUserId?: string | null
}

/** The identity for (provider, sub): found, or created on the user with that email, or on a new user. */
export async function resolveIdentity(auth: AuthModule, who: ProviderUser, meta: RequestMeta): Promise<{ identityId: string; userId: string }> {
  const req = { provider: who.provider, link_user_id: who.linkUserId ?? null }
  const { sub, email, name } = who
  const found = await auth.db.query<{ id: string; user_id: string }>('SELECT id::text, user_id::text FROM auth.identities WHERE provider = $1 AND provider_user_id = $2', [req.provider, sub])
  const existing = found.rows[0]
  if (existing) {
    if (req.link_user_id && existing.user_id !== req.link_user_id) {
      throw new ApiError(409, 'IDENTITY_ALREADY_EXISTS', `this ${providerLabel(req.provider)} account (${email}) is already linked to another user`)
    }
    return { identityId: existing.id, userId: existing.user_id }
  }
  let userId = req.link_user_id
  if (!userId) {
    // As Supabase: a provider-verified address signs in to the account that already has it.
    const user = await findUserByEmail(auth.db, email)
    userId = user?.id ?? null
    if (!userId) {
      if (!auth.settings.signupEnabled) throw new ApiError(403, 'SIGNUP_DISABLED', 'User registration is disabled')
      const created = await createUser(auth.db, { email, emailVerified: true, userMetadata: name ? { name, full_name: name } : {}, appMetadata: { provider: req.provider, providers: [req.provider] } })
      userId = created.id
      logSecurity(auth.ctx.logs, { event: 'signup', message: `${email} signed up with ${providerLabel(req.provider)} (local provider)`, meta, email, userId })
    }
  }
  const data = { sub, email, email_verified: true, provider: req.provider, ...(name ? { name, full_name: name } : {}) }
  const { rows } = await auth.db.query<{ id: string }>(
    'INSERT INTO auth.identities (user_id, provider, provider_user_id, identity_data) VALUES ($1, $2, $3, $4) RETURNING id::text',
    [userId, req.provider, sub, data],
  )
  if (req.link_user_id) logSecurity(auth.ctx.logs, { event: 'identity_linked', message: `${providerLabel(req.provider)} identity ${email} linked`, meta, userId })
  return { identityId: rows[0]!.id, userId }
}

/** The consent page's answer: mint the code and say where the browser goes next. */
export async function consent(auth: AuthModule, state: unknown, rawEmail: unknown, rawName: unknown, meta: RequestMeta): Promise<string> {
  const req = await pendingRequest(auth, state)
  const email = normalizeEmail(rawEmail)
  const name = typeof rawName === 'string' && rawName.trim() ? rawName.trim().slice(0, 200) : undefined
  const { identityId } = await resolveIdentity(auth, { provider: req.provider, sub: subjectFor(req.provider, email), email, name, linkUserId: req.link_user_id }, meta)
  const code = randomToken()
  const { rowCount } = await auth.db.query(
    'UPDATE auth.oauth_requests SET code_hash = $2, identity_id = $3, consented_at = now() WHERE state_hash = $1 AND consented_at IS NULL',
    [sha256(state as string), sha256(code), identityId],
  )
  if (!rowCount) throw invalidState()
  const target = new URL(req.redirect_uri ?? `${auth.ctx.apiUrl}/api/v1/auth/oauth/${req.provider}/callback`)
  target.searchParams.set('code', code)
  target.searchParams.set('state', state as string)
  return target.toString()
}

/** Where a cancelled consent goes: back to the app with `error=access_denied`, as a real provider does. */
export async function deny(auth: AuthModule, state: unknown): Promise<string | undefined> {
  const req = await pendingRequest(auth, state)
  await auth.db.query('UPDATE auth.oauth_requests SET consented_at = now(), used_at = now() WHERE state_hash = $1', [sha256(state as string)])
  if (!req.redirect_uri) return undefined
  const target = new URL(req.redirect_uri)
  target.searchParams.set('error', 'access_denied')
  target.searchParams.set('state', state as string)
  return target.toString()
}

/** Code → the identity's user, exactly once; a wrong provider, state or redirect_uri is refused. */
export async function exchangeCode(auth: AuthModule, provider: string, code: unknown, state: unknown, redirectUri: unknown): Promise<{ userId: string; request: OAuthRequestRow }> {
  if (typeof code !== 'string' || !code) throw new ApiError(400, 'VALIDATION_ERROR', 'code is required')
  const { rows } = await auth.db.query<OAuthRequestRow & { state_hash: string; user_id: string }>(
    `UPDATE auth.oauth_requests r SET used_at = now() FROM auth.identities i
      WHERE r.code_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND i.id = r.identity_id
      RETURNING r.*, i.user_id::text AS user_id`,
    [sha256(code)],
  )
  const req = rows[0]
  if (!req) {
    const used = await auth.db.query('SELECT 1 FROM auth.oauth_requests WHERE code_hash = $1 AND used_at IS NOT NULL', [sha256(code)])
    if (used.rowCount) throw new ApiError(400, 'OAUTH_CODE_USED', 'This authorization code has already been used', undefined, 'a code is exchanged once: start the sign-in again')
    throw new ApiError(400, 'INVALID_OAUTH_CODE', 'Invalid or expired authorization code')
  }
  if (req.provider !== provider) throw new ApiError(400, 'INVALID_OAUTH_CODE', `this code was issued for ${req.provider}, not ${provider}`)
  if (state !== undefined && state !== '' && (typeof state !== 'string' || sha256(state) !== req.state_hash)) throw invalidState()
  if (req.redirect_uri && redirectUri !== undefined && redirectUri !== '' && redirectUri !== req.redirect_uri) {
    throw new ApiError(400, 'INVALID_REDIRECT_URL', 'redirect_uri does not match the one the sign-in started with')
  }
  await auth.db.query('UPDATE auth.identities SET last_sign_in_at = now(), updated_at = now() WHERE id = $1', [req.identity_id])
  return { userId: req.user_id, request: req }
}
