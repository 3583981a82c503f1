// storage/request-target.ts — /api/v1/storage/{bucket}/{path…} → bucket and key. Read from the raw URL rather than
// the router's decoded parameter, so that every spelling ("%2e%2e", "%00", "%5c", "%EF%BC%8E") is decoded exactly
// once, here, and then judged by the one key rule (object-key.ts).
import { ApiError } from '../errors.js'
import { checkBucketName } from './bucket-name.js'
import { checkObjectKey } from './object-key.js'

export interface Target {
  bucket: string
  /** The raw (still percent-encoded) remainder after "/{bucket}/", "" when none. */
  rest: string
}

export function splitStorageUrl(rawUrl: string, base: string): Target {
  const q = rawUrl.indexOf('?')
  const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q)
  if (!pathname.startsWith(base)) throw new ApiError(404, 'NOT_FOUND', 'Not Found')
  const after = pathname.slice(base.length)
  const slash = after.indexOf('/')
  const bucketRaw = slash < 0 ? after : after.slice(0, slash)
  let bucket: string
  try {
    bucket = decodeURIComponent(bucketRaw)
  } catch {
    throw new ApiError(400, 'INVALID_BUCKET_NAME', 'the bucket name is not valid percent-encoded UTF-8')
  }
  return { bucket: checkBucketName(bucket), rest: slash < 0 ? '' : after.slice(slash + 1) }
}

export function decodeKey(encoded: string, what = 'object path'): string {
  let key: string
  try {
    key = decodeURIComponent(encoded)
  } catch {
    throw new ApiError(400, 'INVALID_KEY', `invalid ${what}: it is not valid percent-encoded UTF-8`, undefined, 'encode each folder name with encodeURIComponent')
  }
  return checkObjectKey(key, what)
}

/** A key given in a JSON body (copy, move): already text, checked by the same rule. */
export function bodyKey(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ApiError(400, 'INVALID_BODY', `${field} must be a string (an object path in the bucket)`)
  return checkObjectKey(value, field)
}
