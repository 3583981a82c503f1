// studio/storage-routes.ts — the studio's Storage page API under /studio/api/storage (studio token required).
// Buckets are the developer's view: all of them, with object counts and sizes, managed as service_role. Files run
// as the RLS simulator's identity (X-Studio-Identity; service_role when none), through the very operations the
// app-facing API uses, so the browser shows, uploads, previews and signs exactly what that user's app could.
//   GET    /buckets                         all buckets + object_count, total_size
//   POST   /buckets                         {name, public?, allowed_mime_types?, max_file_size?}
//   PUT    /buckets/{name}                  settings
//   DELETE /buckets/{name}[?empty=true]     (empty=true deletes its objects first)
//   GET    /objects/{bucket}?prefix=&limit=&offset=   one folder: files + sub-folder prefixes
//   GET    /objects/{bucket}/{path}         bytes (preview/download; ?download for an attachment)
//   POST   /objects/{bucket}/{path}         multipart upload (upsert field)
//   DELETE /objects/{bucket}/{path}
//   POST   /sign/{bucket}/{path}            {expires_in} → {signed_url}
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { checkStudioToken } from './studio-auth.js'
import { identityLabel, logStudioAction, studioIdentity } from './studio-identity.js'
import { registerStorageScope } from '../storage/storage-scope.js'
import { storageDeps } from '../storage/storage-routes.js'
import { SERVICE_IDENTITY, type StorageDeps } from '../storage/storage-deps.js'
import { checkBucketName } from '../storage/bucket-name.js'
import { checkPrefix } from '../storage/object-key.js'
import { decodeKey, splitStorageUrl } from '../storage/request-target.js'
import { readJsonBody } from '../storage/json-body.js'
import { BUCKET_COLUMNS, bucketJson, createBucket, deleteBucket, parseBucketSettings, updateBucket } from '../storage/bucket-operations.js'
import { listObjects, objectNotFound, findObject } from '../storage/object-reads.js'
import { deleteObject, emptyBucket } from '../storage/object-writes.js'
import { objectJson } from '../storage/object-row.js'
import { sendObject } from '../storage/object-routes.js'
import { handleUpload } from '../storage/upload-handler.js'
import { checkExpiresIn, signObjectToken } from '../storage/signed-url.js'

const OBJECTS_BASE = '/studio/api/storage/objects/'
const SIGN_BASE = '/studio/api/storage/sign/'

async function bucketsWithStats(deps: StorageDeps) {
  // The developer's overview, not a user's: read as the superuser, like the studio's catalog views.
  const { rows } = await deps.pools.admin.query(
    `SELECT ${BUCKET_COLUMNS.split(', ').map((c) => `b.${c}`).join(', ')}, count(o.id)::int AS object_count, coalesce(sum(o.size), 0)::text AS total_size
     FROM storage.buckets b LEFT JOIN storage.objects o ON o.bucket_id = b.id GROUP BY b.id ORDER BY b.id`,
  )
  return rows.map((r) => ({ ...bucketJson(r), object_count: r.object_count as number, total_size: Number(r.total_size) }))
}

export async function registerStudioStorageRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const deps = storageDeps(ctx)
  const guard = async (request: FastifyRequest): Promise<Identity> => {
    checkStudioToken(request, ctx.studioToken)
    const identity = (await studioIdentity(ctx, request)) ?? SERVICE_IDENTITY
    ;(request as FastifyRequest & { identity?: Identity }).identity = identity
    return identity
  }
  const action = (request: FastifyRequest, identity: Identity, what: string, fields: Record<string, unknown>) =>
    logStudioAction(ctx, request, what, { ...fields, identity: identity === SERVICE_IDENTITY ? 'service_role' : identityLabel(identity) })

  await registerStorageScope(app, (scope) => {
    scope.get('/studio/api/storage/buckets', async (request) => {
      await guard(request)
      return { buckets: await bucketsWithStats(deps) }
    })

    scope.post('/studio/api/storage/buckets', async (request, reply) => {
      checkStudioToken(request, ctx.studioToken)
      const { name, ...settings } = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>
      const bucket = checkBucketName(String(name ?? ''))
      const created = await createBucket(deps, SERVICE_IDENTITY, bucket, parseBucketSettings(settings), request.id)
      action(request, SERVICE_IDENTITY, 'storage: create bucket', { bucket })
      return reply.code(201).send(created)
    })

    scope.put('/studio/api/storage/buckets/:name', async (request) => {
      checkStudioToken(request, ctx.studioToken)
      const bucket = checkBucketName((request.params as { name: string }).name)
      const updated = await updateBucket(deps, SERVICE_IDENTITY, bucket, parseBucketSettings(await readJsonBody(request)), request.id)
      action(request, SERVICE_IDENTITY, 'storage: update bucket', { bucket })
      return updated
    })

    scope.delete('/studio/api/storage/buckets/:name', async (request, reply) => {
      checkStudioToken(request, ctx.studioToken)
      const bucket = checkBucketName((request.params as { name: string }).name)
      let removed = 0
      if ((request.query as { empty?: string }).empty === 'true') removed = await emptyBucket(deps, SERVICE_IDENTITY, bucket, request.id)
      await deleteBucket(deps, SERVICE_IDENTITY, bucket, request.id)
      action(request, SERVICE_IDENTITY, 'storage: delete bucket', { bucket, objects_removed: removed })
      return reply.code(204).send()
    })

    scope.get('/studio/api/storage/objects/*', async (request, reply) => {
      const identity = await guard(request)
      const { bucket, rest } = splitStorageUrl(request.url, OBJECTS_BASE)
      if (rest !== '') return sendObject(deps, identity, request, reply, bucket, decodeKey(rest))
      const q = request.query as Record<string, string | undefined>
      const prefix = checkPrefix(q.prefix ?? '')
      const limit = Math.min(Math.max(Number(q.limit) || 1000, 1), 1000)
      const offset = Math.max(Number(q.offset) || 0, 0)
      const listing = await listObjects(deps, identity, bucket, { prefix, limit, offset, delimiter: '/' }, request.id)
      return { bucket, prefix, files: listing.objects.map(objectJson), prefixes: listing.prefixes ?? [] }
    })

    scope.post('/studio/api/storage/objects/*', async (request, reply) => {
      const identity = await guard(request)
      const { bucket, rest } = splitStorageUrl(request.url, OBJECTS_BASE)
      if (!request.isMultipart()) throw new ApiError(400, 'INVALID_MULTIPART', 'the studio uploads files as multipart/form-data')
      const key = decodeKey(rest)
      const sent = await handleUpload(deps, identity, request, reply, { bucket, key, body: 'multipart' })
      action(request, identity, 'storage: upload', { bucket, key })
      return sent
    })

    scope.delete('/studio/api/storage/objects/*', async (request, reply) => {
      const identity = await guard(request)
      const { bucket, rest } = splitStorageUrl(request.url, OBJECTS_BASE)
      const key = decodeKey(rest)
      await deleteObject(deps, identity, bucket, key, request.id)
      action(request, identity, 'storage: delete', { bucket, key })
      return reply.code(204).send()
    })

    scope.post('/studio/api/storage/sign/*', async (request) => {
      const identity = await guard(request)
      const { bucket, rest } = splitStorageUrl(request.url, SIGN_BASE)
      const key = decodeKey(rest)
      const body = (await readJsonBody(request)) as { expires_in?: unknown } | undefined
      const expiresIn = checkExpiresIn(body?.expires_in)
      if (!(await findObject(deps, identity, bucket, key, request.id))) throw await objectNotFound(deps, bucket, key)
      const token = await signObjectToken(deps.secret, bucket, key, expiresIn)
      action(request, identity, 'storage: sign', { bucket, key, expires_in: expiresIn })
      // The app-facing URL: it works from any browser or app, without the studio token.
      return { signed_url: `${ctx.apiUrl}/api/v1/storage/object?token=${token}`, expires_in: expiresIn, expires_at: new Date(Date.now() + expiresIn * 1000).toISOString() }
    })
  })
}
