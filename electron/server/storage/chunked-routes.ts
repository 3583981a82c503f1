// storage/chunked-routes.ts — the SDK's uploadResumable(), getResumableUploadStatus() and abortResumableUpload():
//   POST   /{bucket}/chunked/init              {path, total_size, chunk_size, content_type, metadata, cache_control}
//   PUT    /{bucket}/chunked/{session}/{index} the chunk's bytes
//   GET    /{bucket}/chunked/{session}/status  → {session}
//   POST   /{bucket}/chunked/{session}/complete → {id, path, full_path}
//   DELETE /{bucket}/chunked/{session}         → 204
// Called by object-actions.ts (the URLs share the object routes); bucket limits and types are checked at init, the
// caller's policies on storage.objects when the object is stored at completion.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Identity } from '../identity.js'
import { ApiError } from '../errors.js'
import { discard } from './atomic-file.js'
import { requireBucket, uploadLimit } from './bucket-settings.js'
import { mimeAllowed } from './content-type.js'
import { assemble, closeSession, createSession, loadSession, MAX_CHUNK_BYTES, MAX_CHUNKS, ownerKey, requireActive, sessionJson, storeChunk } from './chunked-uploads.js'
import { readJsonBody } from './json-body.js'
import { checkObjectKey } from './object-key.js'
import { storeObject } from './object-writes.js'
import type { ChunkedCall } from './reserved-suffixes.js'
import { checkKeyNotReserved } from './reserved-suffixes.js'
import type { StorageDeps } from './storage-deps.js'
import { tooLarge, typeRefused } from './upload-handler.js'
import { parseCacheControl, parseMetadata } from './upload-options.js'
import { chooseContentType } from './content-type.js'

function wholeNumber(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new ApiError(400, 'INVALID_BODY', `${name} must be a whole number from ${min} to ${max}`)
  return n
}

async function init(deps: StorageDeps, request: FastifyRequest, reply: FastifyReply, identity: Identity, bucketId: string): Promise<FastifyReply> {
  const body = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>
  if (typeof body.path !== 'string') throw new ApiError(400, 'INVALID_BODY', 'path must be a string (the object path in the bucket)')
  const key = checkKeyNotReserved(checkObjectKey(body.path, 'path'))
  const bucket = await requireBucket(deps.pools.api, bucketId)
  const limit = uploadLimit(bucket, deps.maxUploadBytes)
  const totalSize = wholeNumber(body.total_size, 'total_size', 0, Number.MAX_SAFE_INTEGER)
  if (totalSize > limit) throw tooLarge(bucket, limit, deps.maxUploadBytes)
  const chunkSize = wholeNumber(body.chunk_size, 'chunk_size', 1, MAX_CHUNK_BYTES)
  const totalChunks = Math.ceil(totalSize / chunkSize)
  if (totalChunks > MAX_CHUNKS) throw new ApiError(400, 'INVALID_BODY', `${totalChunks} chunks is too many (at most ${MAX_CHUNKS}): use a larger chunk_size`)
  const contentType = chooseContentType(key, typeof body.content_type === 'string' ? body.content_type : undefined, undefined)
  if (!mimeAllowed(contentType, bucket.allowedMimeTypes)) throw typeRefused(bucket, contentType)
  const session = await createSession(deps, {
    bucket_id: bucketId, path: key, total_size: totalSize, chunk_size: chunkSize, total_chunks: totalChunks, content_type: contentType,
    cache_control: parseCacheControl(typeof body.cache_control === 'string' ? body.cache_control : undefined),
    metadata: parseMetadata(body.metadata ?? undefined), owner_key: ownerKey(identity),
  })
  return reply.code(201).send(sessionJson(session))
}

async function complete(deps: StorageDeps, request: FastifyRequest, identity: Identity, bucket: string, id: string) {
  const session = await loadSession(deps, identity, bucket, id)
  requireActive(session)
  // Exactly one completion: the others see "completing".
  const { rowCount } = await deps.pools.api.query("UPDATE storage.chunked_uploads SET status = 'completing' WHERE id = $1 AND status = 'active'", [id])
  if (!rowCount) throw new ApiError(409, 'UPLOAD_SESSION_CLOSED', `the upload session ${id} is already being completed`)
  let tmpPath: string | undefined
  try {
    const file = await assemble(deps, session)
    tmpPath = file.tmpPath
    const row = await storeObject(deps, identity, { bucket, key: session.path, file, contentType: session.content_type, cacheControl: session.cache_control, metadata: session.metadata, upsert: false }, request.id)
    await closeSession(deps, session, 'completed')
    return { id: row.id, key: row.path, path: row.path, full_path: `${bucket}/${row.path}`, fullPath: `${bucket}/${row.path}`, size: row.size, content_type: row.mime_type, contentType: row.mime_type }
  } catch (err) {
    await deps.pools.api.query("UPDATE storage.chunked_uploads SET status = 'active' WHERE id = $1 AND status = 'completing'", [id])
    throw err
  } finally {
    await discard(tmpPath)
  }
}

export function chunkedHandler(deps: StorageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply, identity: Identity, bucket: string, call: ChunkedCall): Promise<FastifyReply> => {
    switch (call.call) {
      case 'chunked-init':
        return init(deps, request, reply, identity, bucket)
      case 'chunked-part': {
        const session = await loadSession(deps, identity, bucket, call.session)
        requireActive(session)
        if (!/^\d+$/.test(call.index) || Number(call.index) >= session.total_chunks) {
          throw new ApiError(400, 'INVALID_CHUNK_INDEX', `chunk index must be a whole number from 0 to ${session.total_chunks - 1}, not "${call.index.slice(0, 20)}"`)
        }
        const index = Number(call.index)
        const stored = await storeChunk(deps, session, index, request.raw)
        return reply.send({ chunk_index: index, chunkIndex: index, size: stored.size, etag: `"${stored.md5}"`, session: sessionJson(stored.session) })
      }
      case 'chunked-status':
        return reply.send({ session: sessionJson(await loadSession(deps, identity, bucket, call.session)) })
      case 'chunked-complete':
        return reply.send(await complete(deps, request, identity, bucket, call.session))
      case 'chunked-abort': {
        const session = await loadSession(deps, identity, bucket, call.session)
        requireActive(session)
        await closeSession(deps, session, 'aborted')
        return reply.code(204).send()
      }
    }
  }
}
