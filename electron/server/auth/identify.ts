// auth/identify.ts — Bearer token (or ?token= for realtime) → Identity. The `apikey` header is never read: it
// grants nothing. Failures are 401s with the contract's messages, so the SDK refreshes and retries.
import type { FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'
import { identityFromClaims, type Identity } from '../identity.js'
import { verifyJwt } from './jwt.js'

export const AUTH_REQUIRED_MESSAGE = 'Authentication required. Provide Bearer token, X-Client-Key, or X-Service-Key'
export const INVALID_TOKEN_MESSAGE = 'Invalid or expired Bearer token'

/** Extra checks on a verified payload (session revoked, user deleted…); return a reason to refuse. */
export type TokenCheck = (payload: Record<string, unknown>) => Promise<string | undefined> | string | undefined

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (header) {
    const m = /^Bearer\s+(.+)$/i.exec(header)
    if (m) return m[1].trim()
  }
  const q = (request.query as Record<string, unknown> | undefined)?.token
  return typeof q === 'string' && q ? q : undefined
}

export const ANON_IDENTITY: Identity = identityFromClaims({ role: 'anon', sub: '' })

export function createIdentify(secret: Uint8Array, checks: TokenCheck[] = []) {
  return async function identify(request: FastifyRequest, opts: { required?: boolean } = {}): Promise<Identity> {
    const token = bearerToken(request)
    if (!token) {
      if (opts.required === false) return ANON_IDENTITY
      throw new ApiError(401, 'UNAUTHORIZED', AUTH_REQUIRED_MESSAGE)
    }
    return identifyToken(secret, token, checks)
  }
}

export async function identifyToken(secret: Uint8Array, token: string, checks: TokenCheck[] = []): Promise<Identity> {
  const verified = await verifyJwt(secret, token)
  if (!verified.ok) throw new ApiError(401, 'INVALID_TOKEN', INVALID_TOKEN_MESSAGE, verified.reason)
  const payload = verified.payload
  // A refresh token is only good for /auth/refresh.
  if (payload.token_type === 'refresh') throw new ApiError(401, 'INVALID_TOKEN', INVALID_TOKEN_MESSAGE, 'refresh token used as access token')
  for (const check of checks) {
    const reason = await check(payload)
    if (reason) throw new ApiError(401, 'INVALID_TOKEN', INVALID_TOKEN_MESSAGE, reason)
  }
  return identityFromClaims(payload)
}
