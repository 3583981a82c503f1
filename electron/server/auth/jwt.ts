// auth/jwt.ts — HS256 signing and verification with the data directory's secret (jose). Verification accepts only
// the configured algorithm, so `alg: none` and algorithm-confusion tokens are refused by construction.
// A token jose has verified once is remembered (verified-tokens.ts): later requests with it cost a map lookup.
import { webcrypto } from 'node:crypto'
import { SignJWT, jwtVerify, errors } from 'jose'
import { VerifiedTokenCache } from './verified-tokens.js'

export const JWT_ALGORITHM = 'HS256'
export { JWT_ISSUER, secretKey } from './jwt-key.js'

// jose imports a raw Uint8Array key on every call; importing it once per secret halves the cost of a cold verify.
const cryptoKeys = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>()
function hmacKey(secret: Uint8Array): Promise<webcrypto.CryptoKey> {
  let key = cryptoKeys.get(secret)
  if (!key) {
    key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    cryptoKeys.set(secret, key)
  }
  return key
}

const verifiedBySecret = new WeakMap<Uint8Array, VerifiedTokenCache>()
export function verifiedTokenCache(secret: Uint8Array): VerifiedTokenCache {
  let cache = verifiedBySecret.get(secret)
  if (!cache) {
    cache = new VerifiedTokenCache()
    verifiedBySecret.set(secret, cache)
  }
  return cache
}

export async function signJwt(secret: Uint8Array, claims: Record<string, unknown>, opts: { expiresInSeconds?: number; jti?: string } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: JWT_ALGORITHM, typ: 'JWT' }).setIssuedAt()
  if (opts.expiresInSeconds !== undefined) {
    const now = Math.floor(Date.now() / 1000)
    jwt.setNotBefore(now).setExpirationTime(now + opts.expiresInSeconds)
  }
  if (opts.jti) jwt.setJti(opts.jti)
  return jwt.sign(await hmacKey(secret))
}

export type VerifyFailure = 'expired' | 'not_yet_valid' | 'invalid'

/** The payload returned is frozen (it is shared with later requests carrying the same token): copy to change it. */
export async function verifyJwt(secret: Uint8Array, token: string): Promise<{ ok: true; payload: Record<string, unknown> } | { ok: false; reason: VerifyFailure }> {
  const cache = verifiedTokenCache(secret)
  const cached = cache.lookup(token)
  if (cached) return cached as { ok: true; payload: Record<string, unknown> } | { ok: false; reason: 'expired' }
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), { algorithms: [JWT_ALGORITHM] })
    return { ok: true, payload: cache.remember(token, payload as Record<string, unknown>) as Record<string, unknown> }
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' }
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'nbf') return { ok: false, reason: 'not_yet_valid' }
    return { ok: false, reason: 'invalid' }
  }
}

/**
 * Signature and algorithm checked, expiry ignored: only for sign-out, so that an SDK whose access token has just
 * expired can still end its session (otherwise the session would outlive the sign-out by its refresh token).
 */
export async function verifyJwtIgnoringExpiry(secret: Uint8Array, token: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), {
      algorithms: [JWT_ALGORITHM],
      // Verify "as of" one second before expiry; nbf and iat are still checked against that instant.
      currentDate: expiryOf(token),
    })
    return payload as Record<string, unknown>
  } catch {
    return undefined
  }
}

function expiryOf(token: string): Date | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }
    return typeof payload.exp === 'number' && payload.exp * 1000 < Date.now() ? new Date((payload.exp - 1) * 1000) : undefined
  } catch {
    return undefined
  }
}
