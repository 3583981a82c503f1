// storage/upload-options.ts — an upload's raw options (form fields or headers) → validated values: the stored
// Content-Type, Cache-Control, user metadata and whether to replace an existing object. Pure; 400s name the field.
import { ApiError } from '../errors.js'
import { chooseContentType } from './content-type.js'
import type { UploadFields } from './upload-request.js'

export interface UploadOptions {
  contentType: string
  cacheControl: string | null
  metadata: Record<string, unknown> | null
  upsert: boolean
}

export function parseUpsert(value: string | boolean | undefined): boolean {
  if (value === undefined || value === '') return false
  if (typeof value === 'boolean') return value
  const v = value.trim().toLowerCase()
  if (v === 'true' || v === '1') return true
  if (v === 'false' || v === '0') return false
  throw new ApiError(400, 'INVALID_UPSERT', `upsert must be "true" or "false", not "${value.slice(0, 40)}"`)
}

export function parseMetadata(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null || value === '') return null
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      throw new ApiError(400, 'INVALID_METADATA', 'metadata must be a JSON object (the SDK sends JSON.stringify(metadata))')
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, 'INVALID_METADATA', 'metadata must be a JSON object, e.g. {"alt":"a cat"}')
  }
  // PostgreSQL's jsonb cannot hold \u0000.
  if (JSON.stringify(parsed).includes('\\u0000')) throw new ApiError(400, 'INVALID_METADATA', 'metadata must not contain NUL characters')
  return parsed as Record<string, unknown>
}

/** "3600" (Supabase's cacheControl seconds) → "max-age=3600"; otherwise a header value, printable ASCII. */
export function parseCacheControl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null
  const v = value.trim()
  if (/^\d{1,10}$/.test(v)) return `max-age=${Number(v)}`
  if (!/^[\x20-\x7e]{1,256}$/.test(v)) throw new ApiError(400, 'INVALID_CACHE_CONTROL', 'cache_control must be a Cache-Control value (e.g. "max-age=3600") of at most 256 printable ASCII characters')
  return v
}

export function resolveUploadOptions(key: string, fields: UploadFields, partType: string | undefined, upsertHeader: string | undefined, forceUpsert = false): UploadOptions {
  return {
    contentType: chooseContentType(key, fields.contentType, partType),
    cacheControl: parseCacheControl(fields.cacheControl),
    metadata: parseMetadata(fields.metadata),
    upsert: forceUpsert || parseUpsert(fields.upsert ?? upsertHeader),
  }
}
