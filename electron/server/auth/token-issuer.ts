// auth/token-issuer.ts — user + session → the JWT pair the SDK stores. Claims follow the contract (§3): sub/user_id,
// email, role, session_id, token_type, is_anonymous, user_metadata, app_metadata, iss, iat, nbf, exp, jti. No aud.
import crypto from 'node:crypto'
import { signJwt, JWT_ISSUER } from './jwt.js'
import type { UserRow } from './user-json.js'

export interface TokenPair {
  access_token: string
  refresh_token: string
  expires_in: number
}

export interface TokenLifetimes {
  accessTokenTtlSeconds: number
  refreshTokenTtlSeconds: number
}

/** The claims every access token of `user` carries; callers add session_id or impersonation fields. */
export function userClaims(user: UserRow): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    iss: JWT_ISSUER,
    sub: user.id,
    user_id: user.id,
    email: user.email ?? '',
    role: user.role,
    is_anonymous: user.is_anonymous,
    user_metadata: user.user_metadata ?? {},
    app_metadata: user.app_metadata ?? {},
  }
  const name = user.user_metadata?.name
  if (typeof name === 'string' && name) claims.name = name
  return claims
}

export function signAccessToken(secret: Uint8Array, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
  return signJwt(secret, { ...claims, token_type: 'access' }, { expiresInSeconds: ttlSeconds, jti: crypto.randomUUID() })
}

/** A refresh token names its session and is the session's current `refresh_jti`; nothing else is needed to rotate. */
export function signRefreshToken(secret: Uint8Array, userId: string, sessionId: string, refreshJti: string, ttlSeconds: number): Promise<string> {
  return signJwt(secret, { iss: JWT_ISSUER, sub: userId, session_id: sessionId, token_type: 'refresh' }, { expiresInSeconds: ttlSeconds, jti: refreshJti })
}

export async function issueSessionTokens(secret: Uint8Array, lifetimes: TokenLifetimes, user: UserRow, sessionId: string, refreshJti: string): Promise<TokenPair> {
  const [access_token, refresh_token] = await Promise.all([
    signAccessToken(secret, { ...userClaims(user), session_id: sessionId }, lifetimes.accessTokenTtlSeconds),
    signRefreshToken(secret, user.id, sessionId, refreshJti, lifetimes.refreshTokenTtlSeconds),
  ])
  return { access_token, refresh_token, expires_in: lifetimes.accessTokenTtlSeconds }
}
