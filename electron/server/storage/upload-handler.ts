// storage/upload-handler.ts — one upload, start to finish: who (identity), where (bucket settings: exists, size
// limit, types), the bytes (streamed to a temp file), the checks that need the whole upload (413 past the limit,
// 415 for a refused type), then the atomic store (object-writes.ts) and the 201 with the stored object.
import fsp from 'node:fs/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { discard } from './atomic-file.js'
import { requireBucket, uploadLimit, type BucketSettings } from './bucket-settings.js'
import { essence, mimeAllowed } from './content-type.js'
import { objectJson, type ObjectRow } from './object-row.js'
import { storeObject } from './object-writes.js'
import { header, receiveMultipart, receiveRawBody } from './upload-request.js'
import { resolveUploadOptions } from './upload-options.js'
import { checkKeyNotReserved } from './reserved-suffixes.js'
import type { StorageDeps } from './storage-deps.js'

export function humanBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let i = 0
  let v = n
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${n} bytes` : `${Number(v.toFixed(1))} ${units[i]}`
}

export function tooLarge(bucket: BucketSettings, limit: number, serverMax: number): ApiError {
  const whose = limit < serverMax ? `bucket "${bucket.id}" accepts files of at most` : 'the server accepts files of at most'
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `the file is too large: ${whose} ${humanBytes(limit)} (${limit} bytes)`, undefined,
    limit < serverMax ? 'raise the bucket\'s max_file_size (updateBucketSettings) or upload a smaller file' : undefined)
}

export function typeRefused(bucket: BucketSettings, contentType: string): ApiError {
  return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `bucket "${bucket.id}" does not accept files of type "${essence(contentType)}": allowed types are ${bucket.allowedMimeTypes!.join(', ')}`,
    undefined, 'send the right content_type, or change the bucket\'s allowed_mime_types')
}

/** Refuses up front what cannot fit on the disk (when the client says how much it sends). */
async function checkFreeSpace(deps: StorageDeps, request: FastifyRequest): Promise<void> {
  const declared = Number(request.headers['content-length'])
  if (!Number.isFinite(declared) || declared <= 0) return
  const stats = await fsp.statfs(deps.layout.tmpDir).catch(() => undefined)
  if (stats && declared > stats.bavail * stats.bsize) {
    throw new ApiError(507, 'INSUFFICIENT_STORAGE', `the upload (${humanBytes(declared)}) is larger than the free space on the disk holding the data directory (${humanBytes(stats.bavail * stats.bsize)})`)
  }
}

export interface UploadRequest {
  bucket: string
  key: string
  body: 'multipart' | 'raw'
  /** PUT (Supabase's update()): always replace. */
  forceUpsert?: boolean
}

export async function handleUpload(deps: StorageDeps, identity: Identity, request: FastifyRequest, reply: FastifyReply, req: UploadRequest): Promise<FastifyReply> {
  const row = await receiveAndStore(deps, identity, request, req)
  return reply.code(201).send({ ...objectJson(row), fullPath: `${row.bucket_id}/${row.path}` })
}

export async function receiveAndStore(deps: StorageDeps, identity: Identity, request: FastifyRequest, req: UploadRequest): Promise<ObjectRow> {
  checkKeyNotReserved(req.key)
  const bucket = await requireBucket(deps.pools.api, req.bucket)
  const limit = uploadLimit(bucket, deps.maxUploadBytes)
  await checkFreeSpace(deps, request)
  const upload = req.body === 'multipart' ? await receiveMultipart(request, deps.layout, limit) : await receiveRawBody(request, deps.layout, limit)
  try {
    if (upload.file.truncated) throw tooLarge(bucket, limit, deps.maxUploadBytes)
    const options = resolveUploadOptions(req.key, upload.fields, upload.partType, header(request, 'x-upsert'), req.forceUpsert)
    if (!mimeAllowed(options.contentType, bucket.allowedMimeTypes)) throw typeRefused(bucket, options.contentType)
    return await storeObject(deps, identity, { bucket: req.bucket, key: req.key, file: upload.file, ...options }, request.id)
  } finally {
    // Moved into place by storeObject when it succeeded; otherwise it must not linger in tmp/.
    await discard(upload.file.tmpPath)
  }
}
