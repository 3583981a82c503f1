// storage/object-actions.ts — the object routes' first look at a request (object-routes.ts calls it before reading
// the path as a key): SDK calls spelled as "{key}/{action}" (reserved-suffixes.ts) and `X-Metadata-Only` reads are
// and image transforms (?w=&h=&fmt=&q=&fit=) are answered here; undefined means "an ordinary object request, carry on".
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Identity } from '../identity.js'
import { ApiError } from '../errors.js'
import { requireObject } from './object-reads.js'
import { objectJson } from './object-row.js'
import { decodeKey } from './request-target.js'
import { matchChunkedCall, matchSuffixCall, type ChunkedCall, type SuffixCall } from './reserved-suffixes.js'
import { signObject } from './sign-object.js'
import { serveTransformed } from './image-transform.js'
import { parseTransform } from './transform-params.js'
import type { StorageDeps } from './storage-deps.js'

export type Identify = (request: FastifyRequest) => Promise<Identity>

export interface ActionHandlers {
  shares?: (request: FastifyRequest, reply: FastifyReply, identity: Identity, bucket: string, call: Exclude<SuffixCall, { call: 'signed-url' }>) => Promise<FastifyReply>
  chunked?: (request: FastifyRequest, reply: FastifyReply, identity: Identity, bucket: string, call: ChunkedCall) => Promise<FastifyReply>
}

function metadataOnly(request: FastifyRequest): boolean {
  const v = request.headers['x-metadata-only']
  return typeof v === 'string' && /^(true|1)$/i.test(v.trim())
}

export async function objectAction(deps: StorageDeps, handlers: ActionHandlers, identify: Identify, request: FastifyRequest, reply: FastifyReply, bucket: string, rest: string): Promise<FastifyReply | undefined> {
  const method = request.method
  // A multipart POST is always an upload (of a key checked by checkKeyNotReserved); only JSON calls are actions.
  if (method === 'POST' && request.isMultipart()) return undefined
  const chunked = matchChunkedCall(method, rest)
  if (chunked) {
    if (!handlers.chunked) throw new ApiError(501, 'NOT_IMPLEMENTED', 'resumable (chunked) uploads are not available')
    return handlers.chunked(request, reply, await identify(request), bucket, chunked)
  }
  const suffix = matchSuffixCall(method, rest)
  if (suffix?.call === 'signed-url') return reply.send(await signObject(deps, request, await identify(request), bucket, suffix.key))
  if (suffix) {
    if (!handlers.shares) throw new ApiError(501, 'NOT_IMPLEMENTED', 'sharing a file with a user is not available')
    return handlers.shares(request, reply, await identify(request), bucket, suffix)
  }
  const transform = (method === 'GET' || method === 'HEAD') && rest !== '' ? parseTransform(request.query as Record<string, unknown>) : undefined
  if (transform) {
    // getTransformUrl(): ?w=&h=&fmt=&q=&fit= on the object's own URL.
    const row = await requireObject(deps, await identify(request), bucket, decodeKey(rest), request.id)
    return serveTransformed(request, reply, deps.layout, row, transform)
  }
  if (method === 'GET' && rest !== '' && metadataOnly(request)) {
    // Admin getObjectMetadata(): the object's row as JSON instead of its bytes.
    const row = await requireObject(deps, await identify(request), bucket, decodeKey(rest), request.id)
    return reply.header('Cache-Control', 'no-cache').send(objectJson(row))
  }
  return undefined
}
