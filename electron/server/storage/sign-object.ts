// storage/sign-object.ts — one signed URL for one object, answered the same way to the SDK's createSignedUrl()
// (`POST …/sign/{key}`, reads `signed_url`) and to admin generateSignedUrl() (`POST …/{key}/signed-url`, reads `url`
// and `expires_in`); createSignedUrl's transform (width, height, format, quality, fit) is signed in. The caller must be able to read the object now (its RLS); the URL then works for anyone.
import type { FastifyRequest } from 'fastify'
import type { Identity } from '../identity.js'
import { readJsonBody } from './json-body.js'
import { requireObject } from './object-reads.js'
import { checkExpiresIn, signObjectToken } from './signed-url.js'
import { parseTransform } from './transform-params.js'
import type { StorageDeps } from './storage-deps.js'

export interface SignBody {
  expires_in?: unknown
  expiresIn?: unknown
}

export async function signObject(deps: StorageDeps, request: FastifyRequest, identity: Identity, bucket: string, key: string): Promise<Record<string, unknown>> {
  const body = (await readJsonBody(request)) as SignBody | undefined
  const expiresIn = checkExpiresIn(body?.expires_in ?? body?.expiresIn)
  const transform = parseTransform(body as Record<string, unknown> | undefined)
  await requireObject(deps, identity, bucket, key, request.id)
  const token = await signObjectToken(deps.secret, bucket, key, expiresIn, transform)
  const url = `${request.protocol}://${request.headers.host}/api/v1/storage/object?token=${token}`
  return { signed_url: url, signedUrl: url, url, path: key, bucket, expires_in: expiresIn, expires_at: new Date(Date.now() + expiresIn * 1000).toISOString() }
}
