// storage/bucket-routes.ts — bucket endpoints: GET /api/v1/storage/buckets → {buckets}, and GET (the SDK's
// getBucket(), unrouted upstream), POST (create, 201; 409 if it exists), PUT (settings), DELETE (204; 409 while it
// holds objects) on /api/v1/storage/buckets/{name}. POST /buckets with {name|id,…} is Supabase's createBucket().
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import type { Identity } from '../identity.js'
import { ApiError } from '../errors.js'
import { checkBucketName } from './bucket-name.js'
import { readJsonBody } from './json-body.js'
import { createBucket, deleteBucket, getBucket, listBuckets, parseBucketSettings, updateBucket } from './bucket-operations.js'
import type { StorageDeps } from './storage-deps.js'

function bucketParam(request: FastifyRequest): string {
  return checkBucketName((request.params as { name: string }).name)
}

export function registerBucketRoutes(app: FastifyInstance, ctx: ServerContext, deps: StorageDeps): void {
  const identify = async (request: FastifyRequest): Promise<Identity> => {
    const identity = await ctx.identify(request, { required: false })
    ;(request as FastifyRequest & { identity?: Identity }).identity = identity
    return identity
  }

  app.get('/api/v1/storage/buckets', async (request) => ({ buckets: await listBuckets(deps, await identify(request), request.id) }))

  app.post('/api/v1/storage/buckets', async (request, reply) => {
    const identity = await identify(request)
    const { name, id, ...rest } = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>
    const bucket = checkBucketName(String(name ?? id ?? ''))
    const created = await createBucket(deps, identity, bucket, parseBucketSettings(rest), request.id)
    return reply.code(201).send({ ...created, bucket: created.id, message: 'bucket created successfully' })
  })

  app.get('/api/v1/storage/buckets/:name', async (request) => getBucket(deps, await identify(request), bucketParam(request), request.id))

  app.post('/api/v1/storage/buckets/:name', async (request, reply) => {
    const identity = await identify(request)
    const bucket = bucketParam(request)
    const created = await createBucket(deps, identity, bucket, parseBucketSettings(await readJsonBody(request)), request.id)
    return reply.code(201).send({ ...created, bucket: created.id, message: 'bucket created successfully' })
  })

  app.put('/api/v1/storage/buckets/:name', async (request) => {
    const identity = await identify(request)
    const bucket = bucketParam(request)
    const body = await readJsonBody(request)
    if (body === undefined) throw new ApiError(400, 'INVALID_BODY', 'send the settings to change as JSON: public, allowed_mime_types, max_file_size')
    const updated = await updateBucket(deps, identity, bucket, parseBucketSettings(body), request.id)
    return { ...updated, message: 'bucket settings updated successfully' }
  })

  app.delete('/api/v1/storage/buckets/:name', async (request, reply) => {
    await deleteBucket(deps, await identify(request), bucketParam(request), request.id)
    return reply.code(204).send()
  })
}
