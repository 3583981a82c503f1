// storage/bucket-settings.ts — a bucket's settings (does it exist, is it public, size limit, allowed types), read by
// the API's login role before a file is streamed. Server-internal: what the caller may see of buckets is decided by
// the policies on storage.buckets (bucket-operations.ts); this only enforces the limits.
import type { Pool } from 'pg'
import { ApiError } from '../errors.js'

export interface BucketSettings {
  id: string
  public: boolean
  allowedMimeTypes: string[] | null
  maxFileSize: number | null
}

export async function loadBucketSettings(pool: Pool, id: string): Promise<BucketSettings | undefined> {
  const { rows } = await pool.query<{ id: string; public: boolean; allowed_mime_types: string[] | null; max_file_size: string | null }>(
    'SELECT id, public, allowed_mime_types, max_file_size::text FROM storage.buckets WHERE id = $1',
    [id],
  )
  const r = rows[0]
  if (!r) return undefined
  return { id: r.id, public: r.public, allowedMimeTypes: r.allowed_mime_types, maxFileSize: r.max_file_size === null ? null : Number(r.max_file_size) }
}

export function bucketNotFound(id: string): ApiError {
  return new ApiError(404, 'BUCKET_NOT_FOUND', `bucket "${id}" not found`, undefined, 'create it with storage.createBucket(name), the studio, or INSERT INTO storage.buckets')
}

export async function requireBucket(pool: Pool, id: string): Promise<BucketSettings> {
  const bucket = await loadBucketSettings(pool, id)
  if (!bucket) throw bucketNotFound(id)
  return bucket
}

/** The effective byte limit of one upload into this bucket. */
export function uploadLimit(bucket: BucketSettings, serverMax: number): number {
  return bucket.maxFileSize !== null && bucket.maxFileSize > 0 ? Math.min(bucket.maxFileSize, serverMax) : serverMax
}
