// functions/function-tokens.ts — the two tokens a call's clients use (contract §2.4): HS256, `iss: fluxbase`,
// valid for the call's timeout, carrying the execution id. The user token has the caller's role (`anon` when
// the caller has none: never upstream's `authenticated` fallback) and user; the service token is service_role.
import crypto from 'node:crypto'
import type { Identity } from '../identity.js'

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')

/**
 * HS256 with node:crypto's synchronous HMAC rather than jose: two tokens are signed for every call, and jose's
 * WebCrypto path (an async job per signature) was the largest share of the runtime's CPU in the functions bench
 * (~1 s of 5 s under load). The tokens are verified by the same jose code as every other token (auth/jwt.ts).
 */
function signHs256(secret: Uint8Array, claims: Record<string, unknown>): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
  return `${body}.${crypto.createHmac('sha256', secret).update(body).digest('base64url')}`
}

export function mintCallTokens(secret: Uint8Array, caller: Identity, executionId: string, timeoutSeconds: number): { user: string; service: string } {
  const now = Math.floor(Date.now() / 1000)
  const base = { iss: 'fluxbase', token_type: 'access', execution_id: executionId, iat: now, nbf: now, exp: now + Math.ceil(timeoutSeconds) + 5 }
  const userClaims: Record<string, unknown> = { ...base, role: caller.appRole || 'anon', jti: crypto.randomUUID() }
  if (caller.userId) {
    userClaims.sub = caller.userId
    userClaims.user_id = caller.userId
  }
  if (typeof caller.claims.email === 'string') userClaims.email = caller.claims.email
  return { user: signHs256(secret, userClaims), service: signHs256(secret, { ...base, sub: 'service_role', role: 'service_role', jti: crypto.randomUUID() }) }
}
