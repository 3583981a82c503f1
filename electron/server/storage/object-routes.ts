// storage/object-routes.ts — the object endpoints of contract §8 under /api/v1/storage. Paths the SDK sends that
// upstream never routed are chosen to match what the SDK already calls:
//   POST   /{bucket}/{path}          multipart upload (upsert, content_type, metadata, cache_control); a non-multipart
//                                    body is the file itself (Supabase's raw upload)
//   PUT    /{bucket}/{path}          the same, always replacing (Supabase's update())
//   POST   /{bucket}/stream/{path}   SDK uploadStream(): raw body, options in X-Storage-* headers
//   GET    /{bucket}/{path}          download (Range, ETag, Last-Modified, ?download[=name]); HEAD: headers only
//   DELETE /{bucket}/{path}          delete → 204
//   GET    /{bucket}?prefix&limit&offset[&delimiter=/]  list → {bucket, files, objects, count[, prefixes]}
//   POST   /{bucket}/sign/{path}     {expires_in} → {signed_url}, served by GET /object?token=
//   POST   /{bucket}/copy | /move    {from_path, to_path} (SDK copy()/move())
//   …/{path}/signed-url, …/{path}/share[s], …/chunked/…, X-Metadata-Only: answered first by object-actions.ts
// A multipart POST is always an upload, so keys such as "sign/x" or "copy" can still be uploaded that way.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { checkPrefix } from './object-key.js'
import { decodeKey, bodyKey, splitStorageUrl } from './request-target.js'
import { findObject, listObjects, objectNotFound, requireObject } from './object-reads.js'
import { serveTransformed } from './image-transform.js'
import { parseTransform } from './transform-params.js'
import { copyObject, deleteObject, moveObject } from './object-writes.js'
import { objectJson } from './object-row.js'
import { FileGoneError, serveObject } from './serve-object.js'
import { handleUpload } from './upload-handler.js'
import { readJsonBody } from './json-body.js'
import { verifyObjectToken } from './signed-url.js'
import { objectAction, type ActionHandlers } from './object-actions.js'
import { checkKeyNotReserved } from './reserved-suffixes.js'
import { signObject } from './sign-object.js'
import { SERVICE_IDENTITY, type StorageDeps } from './storage-deps.js'

export const STORAGE_BASE = '/api/v1/storage/'

function query(request: FastifyRequest): Record<string, string | undefined> {
  return request.query as Record<string, string | undefined>
}

/** ?download → attachment; ?download=name → attachment with that file name. */
function downloadOption(request: FastifyRequest): string | boolean | undefined {
  const d = query(request).download
  return d === undefined ? undefined : d === '' || d === 'true' ? true : d
}

function intParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError(400, 'INVALID_PARAMETER', `${name} must be a whole number from ${min} to ${max}`)
  return n
}

/** Sends the row's file; when the file vanished under a concurrent overwrite, looks the row up once more. */
export async function sendObject(deps: StorageDeps, identity: Identity, request: FastifyRequest, reply: FastifyReply, bucket: string, key: string): Promise<FastifyReply> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const row = await findObject(deps, identity, bucket, key, request.id)
    if (!row) throw await objectNotFound(deps, bucket, key)
    try {
      return await serveObject(request, reply, deps.layout, row, { download: downloadOption(request) })
    } catch (err) {
      if (!(err instanceof FileGoneError)) throw err
    }
  }
  throw new ApiError(404, 'FILE_MISSING', `the file of "${bucket}/${key}" is missing from the data directory`, undefined, 'its metadata row exists (inserted by hand?) but no bytes were ever stored for it: upload it again')
}

export function registerObjectRoutes(app: FastifyInstance, ctx: ServerContext, deps: StorageDeps, actions: ActionHandlers = {}): void {
  const identify = async (request: FastifyRequest): Promise<Identity> => {
    const identity = await ctx.identify(request, { required: false })
    ;(request as FastifyRequest & { identity?: Identity }).identity = identity
    return identity
  }
  const maxPage = Math.max(1, ctx.config.maxPageSize)

  async function list(request: FastifyRequest, reply: FastifyReply, bucket: string): Promise<FastifyReply> {
    const identity = await identify(request)
    const q = query(request)
    const prefix = checkPrefix(q.prefix ?? '')
    const delimiter = q.delimiter || undefined
    if (delimiter !== undefined && delimiter !== '/') throw new ApiError(400, 'INVALID_PARAMETER', 'delimiter must be "/"')
    const limit = intParam(q.limit, 'limit', maxPage, 1, maxPage)
    const offset = intParam(q.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER)
    const listing = await listObjects(deps, identity, bucket, { prefix, limit, offset, delimiter }, request.id)
    const objects = listing.objects.map(objectJson)
    // Upstream answers `objects`; the SDK reads `files` (project decision: both).
    return reply.send({ bucket, prefix, files: objects, objects, count: objects.length, ...(listing.prefixes ? { prefixes: listing.prefixes } : {}) })
  }

  app.route({
    method: ['GET', 'HEAD'],
    url: '/api/v1/storage/object',
    handler: async (request, reply) => {
      const { bucket, key, transform } = await verifyObjectToken(deps.secret, query(request).token)
      const variant = transform ?? parseTransform(request.query as Record<string, unknown>)
      if (variant) return serveTransformed(request, reply, deps.layout, await requireObject(deps, SERVICE_IDENTITY, bucket, key, request.id), variant)
      return sendObject(deps, SERVICE_IDENTITY, request, reply, bucket, key)
    },
  })

  app.get('/api/v1/storage/:bucket', async (request, reply) => list(request, reply, splitStorageUrl(request.url, STORAGE_BASE).bucket))

  app.route({
    method: ['GET', 'HEAD'],
    url: '/api/v1/storage/:bucket/*',
    handler: async (request, reply) => {
      const { bucket, rest } = splitStorageUrl(request.url, STORAGE_BASE)
      if (rest === '') return list(request, reply, bucket)
      const action = await objectAction(deps, actions, identify, request, reply, bucket, rest)
      if (action) return action
      const key = decodeKey(rest)
      return sendObject(deps, await identify(request), request, reply, bucket, key)
    },
  })

  app.post('/api/v1/storage/:bucket/*', async (request, reply) => {
    const { bucket, rest } = splitStorageUrl(request.url, STORAGE_BASE)
    const action = await objectAction(deps, actions, identify, request, reply, bucket, rest)
    if (action) return action
    const identity = await identify(request)
    if (request.isMultipart()) return handleUpload(deps, identity, request, reply, { bucket, key: decodeKey(rest), body: 'multipart' })
    if (rest.startsWith('stream/')) return handleUpload(deps, identity, request, reply, { bucket, key: decodeKey(rest.slice(7)), body: 'raw' })
    if (rest.startsWith('sign/')) return reply.send(await signObject(deps, request, identity, bucket, decodeKey(rest.slice(5))))
    if (rest === 'copy' || rest === 'move') {
      const body = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>
      const from = bodyKey(body.from_path ?? body.sourceKey ?? body.fromPath, 'from_path')
      const to = checkKeyNotReserved(bodyKey(body.to_path ?? body.destinationKey ?? body.toPath, 'to_path'))
      if (from === to) throw new ApiError(400, 'INVALID_BODY', 'from_path and to_path are the same object')
      if (rest === 'move') {
        await moveObject(deps, identity, bucket, from, to, request.id)
        return reply.send({ message: 'Successfully moved', bucket, from_path: from, to_path: to })
      }
      const row = await copyObject(deps, identity, bucket, from, to, body.upsert === true, request.id)
      return reply.send({ message: 'Successfully copied', ...objectJson(row), fullPath: `${bucket}/${to}` })
    }
    return handleUpload(deps, identity, request, reply, { bucket, key: decodeKey(rest), body: 'raw' })
  })

  app.put('/api/v1/storage/:bucket/*', async (request, reply) => {
    const { bucket, rest } = splitStorageUrl(request.url, STORAGE_BASE)
    const action = await objectAction(deps, actions, identify, request, reply, bucket, rest)
    if (action) return action
    const identity = await identify(request)
    return handleUpload(deps, identity, request, reply, { bucket, key: decodeKey(rest), body: request.isMultipart() ? 'multipart' : 'raw', forceUpsert: true })
  })

  app.delete('/api/v1/storage/:bucket/*', async (request, reply) => {
    const { bucket, rest } = splitStorageUrl(request.url, STORAGE_BASE)
    const action = await objectAction(deps, actions, identify, request, reply, bucket, rest)
    if (action) return action
    const key = decodeKey(rest)
    await deleteObject(deps, await identify(request), bucket, key, request.id)
    return reply.code(204).send()
  })
}
