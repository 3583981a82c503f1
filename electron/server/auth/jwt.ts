// auth/jwt.ts — HS256 signing and verification with the data directory's secret (jose). Verification accepts only
// the configured algorithm, so `alg: none` and algorithm-confusion tokens are refused by construction.
import { SignJWT, jwtVerify, errors } from 'jose'

export const JWT_ALGORITHM = 'HS256'
export const JWT_ISSUER = 'fluxbase'

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret)
}

export async function signJwt(secret: Uint8Array, claims: Record<string, unknown>, opts: { expiresInSeconds?: number; jti?: string } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: JWT_ALGORITHM, typ: 'JWT' }).setIssuedAt()
  if (opts.expiresInSeconds !== undefined) {
    const now = Math.floor(Date.now() / 1000)
    jwt.setNotBefore(now).setExpirationTime(now + opts.expiresInSeconds)
  }
  if (opts.jti) jwt.setJti(opts.jti)
  return jwt.sign(secret)
}

export type VerifyFailure = 'expired' | 'not_yet_valid' | 'invalid'

export async function verifyJwt(secret: Uint8Array, token: string): Promise<{ ok: true; payload: Record<string, unknown> } | { ok: false; reason: VerifyFailure }> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: [JWT_ALGORITHM] })
    return { ok: true, payload: payload as Record<string, unknown> }
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' }
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'nbf') return { ok: false, reason: 'not_yet_valid' }
    return { ok: false, reason: 'invalid' }
  }
}
