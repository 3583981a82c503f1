// storage/bucket-name.ts — the bucket name rule (the same as the CHECK on storage.buckets.id in 0400). Pure.
import { ApiError } from '../errors.js'

const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
// Paths of their own under /api/v1/storage: a bucket with these names could never be listed.
export const RESERVED_BUCKET_NAMES = new Set(['buckets', 'object'])

export function checkBucketName(name: string): string {
  if (!BUCKET_NAME.test(name)) {
    throw new ApiError(
      400,
      'INVALID_BUCKET_NAME',
      `invalid bucket name "${name.slice(0, 120)}": use 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    )
  }
  if (RESERVED_BUCKET_NAMES.has(name)) {
    throw new ApiError(400, 'INVALID_BUCKET_NAME', `invalid bucket name "${name}": the name is reserved by the storage API`)
  }
  return name
}
