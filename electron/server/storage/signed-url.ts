// storage/signed-url.ts — signed URLs: a short-lived HS256 token naming one object, minted for a caller who may read
// it (checked under their RLS at signing time) and served to anyone holding it by GET /api/v1/storage/object?token=.
// The token carries no role, so used as a Bearer token it is only ever anon.
import { ApiError } from '../errors.js'
import { signJwt, verifyJwt } from '../auth/jwt.js'
import { parseTransform, type TransformParams } from './transform-params.js'

export const SIGNED_URL_TOKEN_TYPE = 'storage_url'
export const DEFAULT_SIGNED_URL_SECONDS = 900
export const MAX_SIGNED_URL_SECONDS = 365 * 24 * 3600

export function checkExpiresIn(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_SIGNED_URL_SECONDS
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_SIGNED_URL_SECONDS) {
    throw new ApiError(400, 'INVALID_EXPIRES_IN', `expires_in must be a whole number of seconds from 1 to ${MAX_SIGNED_URL_SECONDS}`)
  }
  return n
}

/** `transform` (createSignedUrl's width/height/format/quality/fit) rides in the token: the URL serves that variant. */
export async function signObjectToken(secret: Uint8Array, bucket: string, key: string, expiresIn: number, transform?: TransformParams): Promise<string> {
  return signJwt(secret, { token_type: SIGNED_URL_TOKEN_TYPE, bucket, key, ...(transform ? { transform } : {}) }, { expiresInSeconds: expiresIn })
}

export async function verifyObjectToken(secret: Uint8Array, token: string | undefined): Promise<{ bucket: string; key: string; transform?: TransformParams }> {
  if (!token) throw new ApiError(400, 'TOKEN_REQUIRED', 'a signed URL needs its token query parameter')
  const verified = await verifyJwt(secret, token)
  if (!verified.ok) {
    if (verified.reason === 'expired') throw new ApiError(403, 'SIGNED_URL_EXPIRED', 'this signed URL has expired', undefined, 'create a new one with createSignedUrl()')
    throw new ApiError(403, 'INVALID_SIGNED_URL', 'this signed URL is not valid')
  }
  const { token_type: type, bucket, key } = verified.payload
  if (type !== SIGNED_URL_TOKEN_TYPE || typeof bucket !== 'string' || typeof key !== 'string') {
    throw new ApiError(403, 'INVALID_SIGNED_URL', 'this token is not a signed URL token')
  }
  return { bucket, key, transform: parseTransform(verified.payload.transform as Record<string, unknown> | undefined) }
}
