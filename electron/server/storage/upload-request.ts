// storage/upload-request.ts — an upload request's body → a durable temp file plus the upload's options. Two wire
// forms: multipart (the SDK's upload(): a `file` part, then content_type, metadata, cache_control, upsert fields — in
// any order) and a raw body (the SDK's uploadStream(): options in X-Storage-* headers). Either way the file goes
// straight from the socket to disk (atomic-file.ts), never into memory.
import type { FastifyRequest } from 'fastify'
import '@fastify/multipart'
import { ApiError } from '../errors.js'
import { discard, receiveToTemp, type ReceivedFile } from './atomic-file.js'
import type { DiskLayout } from './disk-layout.js'

export interface UploadFields {
  contentType?: string
  metadata?: unknown
  cacheControl?: string
  upsert?: string
}

export interface ReceivedUpload {
  file: ReceivedFile
  /** The Content-Type of the file part (multipart) or of the body (raw). */
  partType?: string
  fields: UploadFields
}

const FIELD_NAMES: Record<string, keyof UploadFields> = {
  content_type: 'contentType', contentType: 'contentType', 'content-type': 'contentType',
  metadata: 'metadata',
  cache_control: 'cacheControl', cacheControl: 'cacheControl', cacheControlSeconds: 'cacheControl',
  upsert: 'upsert', 'x-upsert': 'upsert',
}

const MAX_FIELD_BYTES = 1024 * 1024

function multipartError(err: unknown): unknown {
  const code = (err as { code?: string }).code
  if (code === 'FST_FILES_LIMIT') return new ApiError(400, 'TOO_MANY_FILES', 'send one file per upload request')
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new ApiError(400, 'TOO_MANY_FIELDS', 'the upload form has too many fields')
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') return new ApiError(400, 'INVALID_METADATA', 'a JSON form field is not valid JSON')
  if (code === 'FST_PROTO_VIOLATION') return new ApiError(400, 'INVALID_FIELD', 'a form field name is not allowed')
  if (err instanceof Error && /multipart|boundary|terminated early/i.test(err.message) && !(err instanceof ApiError)) {
    return new ApiError(400, 'INVALID_MULTIPART', `the multipart body is malformed: ${err.message}`)
  }
  return err
}

export async function receiveMultipart(request: FastifyRequest, layout: DiskLayout, maxBytes: number): Promise<ReceivedUpload> {
  let file: ReceivedFile | undefined
  let partType: string | undefined
  const fields: UploadFields = {}
  try {
    // Busboy stops keeping bytes past maxBytes (but keeps reading, so the reply still reaches the client).
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, parts: 30, fieldSize: MAX_FIELD_BYTES } })) {
      if (part.type === 'file') {
        file = await receiveToTemp(layout, part.file, maxBytes)
        if (part.file.truncated && !file.truncated) {
          await discard(file.tmpPath)
          file = { ...file, truncated: true }
        }
        partType = part.mimetype
        continue
      }
      const name = FIELD_NAMES[part.fieldname]
      if (!name) continue
      if (part.valueTruncated) throw new ApiError(413, 'FIELD_TOO_LARGE', `the form field "${part.fieldname}" is larger than 1 MiB`)
      fields[name] = part.value as never
    }
  } catch (err) {
    if (file && !file.truncated) await discard(file.tmpPath)
    // Whatever is still on the wire is read and dropped, so the client gets this error instead of a stalled socket.
    request.raw.unpipe()
    request.raw.resume()
    throw multipartError(err)
  }
  if (!file) throw new ApiError(400, 'FILE_REQUIRED', 'the upload form has no file part', undefined, 'append the file as the form field "file"')
  return { file, partType, fields }
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name]
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined
}

/** The SDK's uploadStream(): the body is the file; its Content-Type is usually the SDK's default JSON, not the file's. */
export async function receiveRawBody(request: FastifyRequest, layout: DiskLayout, maxBytes: number): Promise<ReceivedUpload> {
  const bodyType = header(request, 'content-type')
  const file = await receiveToTemp(layout, request.raw, maxBytes)
  return {
    file,
    partType: bodyType && !bodyType.startsWith('application/json') ? bodyType : undefined,
    fields: {
      contentType: header(request, 'x-storage-content-type'),
      cacheControl: header(request, 'x-storage-cache-control'),
      metadata: header(request, 'x-storage-metadata'),
      upsert: header(request, 'x-storage-upsert') ?? header(request, 'x-upsert'),
    },
  }
}
