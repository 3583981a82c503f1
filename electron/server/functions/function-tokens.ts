// functions/function-tokens.ts — the two tokens a call's clients use (contract §2.4): HS256, `iss: fluxbase`,
// valid for the call's timeout, carrying the execution id. The user token has the caller's role (`anon` when
// the caller has none: never upstream's `authenticated` fallback) and user; the service token is service_role.
import crypto from 'node:crypto'
import { signJwt } from '../auth/jwt.js'
import type { Identity } from '../identity.js'

export async function mintCallTokens(secret: Uint8Array, caller: Identity, executionId: string, timeoutSeconds: number): Promise<{ user: string; service: string }> {
  const lifetime = Math.ceil(timeoutSeconds) + 5
  const base = { iss: 'fluxbase', token_type: 'access', execution_id: executionId }
  const userClaims: Record<string, unknown> = { ...base, role: caller.appRole || 'anon' }
  if (caller.userId) {
    userClaims.sub = caller.userId
    userClaims.user_id = caller.userId
  }
  if (typeof caller.claims.email === 'string') userClaims.email = caller.claims.email
  const [user, service] = await Promise.all([
    signJwt(secret, userClaims, { expiresInSeconds: lifetime, jti: crypto.randomUUID() }),
    signJwt(secret, { ...base, sub: 'service_role', role: 'service_role' }, { expiresInSeconds: lifetime, jti: crypto.randomUUID() }),
  ])
  return { user, service }
}
