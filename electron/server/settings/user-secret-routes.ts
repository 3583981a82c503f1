// settings/user-secret-routes.ts — a user's own secrets (contract §5, SettingsClient createSecret/listSecrets/
// getSecret/updateSecret/setSecret/deleteSecret): rows of app.settings with user_id, sealed with the user's own
// HKDF key. Every statement runs as the caller (RLS: only their rows); values go in and never come out.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PoolClient } from 'pg'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { withIdentity } from '../postgres/with-identity.js'
import { sealUserSecret } from './secret-env.js'
import { bodyObject, checkDescription, checkKey, checkSecretValue, isUuid } from './setting-keys.js'

const COLUMNS = 'id::text, key, description, user_id::text, created_by::text, updated_by::text, created_at, updated_at'

interface SecretRow {
  id: string
  key: string
  description: string | null
  user_id: string
  created_by: string | null
  updated_by: string | null
  created_at: Date
  updated_at: Date
}

export function secretJson(r: SecretRow) {
  return {
    id: r.id,
    key: r.key,
    ...(r.description !== null ? { description: r.description } : {}),
    user_id: r.user_id,
    ...(r.created_by ? { created_by: r.created_by } : {}),
    ...(r.updated_by ? { updated_by: r.updated_by } : {}),
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  }
}

/** The caller, who must be a signed-in user: secrets belong to someone. */
export async function signedInUser(ctx: ServerContext, request: FastifyRequest): Promise<Identity & { userId: string }> {
  const caller = await ctx.identify(request, { required: true })
  if (!caller.userId || caller.dbRole !== 'authenticated') throw new ApiError(401, 'AUTH_REQUIRED', 'user settings and secrets need a signed-in user (an access token, not an anon or service key)')
  if (!isUuid(caller.userId)) throw new ApiError(400, 'INVALID_USER', `the token's subject "${caller.userId}" is not a user id (UUID)`)
  return caller as Identity & { userId: string }
}

const notFound = (key: string) => new ApiError(404, 'SECRET_NOT_FOUND', `no secret "${key}" for this user`)

export async function registerUserSecretRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const asCaller = <T>(caller: Identity, request: FastifyRequest, fn: (c: PoolClient) => Promise<T>) => withIdentity(ctx.pools.api, caller, fn, { requestId: request.id })

  app.post('/api/v1/settings/secret', async (request, reply) => {
    const caller = await signedInUser(ctx, request)
    const body = bodyObject(request.body)
    const key = checkKey(body.key)
    const value = checkSecretValue(body.value)
    const description = checkDescription(body.description) ?? null
    const row = await asCaller(caller, request, async (c) => {
      const { rows } = await c.query<SecretRow>(
        `INSERT INTO app.settings (key, encrypted_value, is_secret, user_id, description, created_by, updated_by)
         VALUES ($1, $2, true, $3, $4, $3, $3) ON CONFLICT (user_id, key) WHERE user_id IS NOT NULL DO NOTHING RETURNING ${COLUMNS}`,
        [key, sealUserSecret(ctx, caller.userId, key, value), caller.userId, description],
      )
      return rows[0]
    })
    if (!row) throw new ApiError(409, 'DUPLICATE_KEY', `a secret "${key}" already exists for this user`, undefined, 'update it with PUT /api/v1/settings/secret/{key} (setSecret does this)')
    return reply.code(201).send(secretJson(row))
  })

  app.get('/api/v1/settings/secret', async (request) => {
    const caller = await signedInUser(ctx, request)
    const rows = await asCaller(caller, request, async (c) => (await c.query<SecretRow>(`SELECT ${COLUMNS} FROM app.settings WHERE user_id = $1 AND is_secret ORDER BY key`, [caller.userId])).rows)
    return rows.map(secretJson)
  })

  app.get<{ Params: { key: string } }>('/api/v1/settings/secret/:key', async (request) => {
    const caller = await signedInUser(ctx, request)
    const key = checkKey(request.params.key)
    const rows = await asCaller(caller, request, async (c) => (await c.query<SecretRow>(`SELECT ${COLUMNS} FROM app.settings WHERE user_id = $1 AND key = $2 AND is_secret`, [caller.userId, key])).rows)
    if (!rows[0]) throw notFound(key)
    return secretJson(rows[0])
  })

  app.put<{ Params: { key: string } }>('/api/v1/settings/secret/:key', async (request) => {
    const caller = await signedInUser(ctx, request)
    const key = checkKey(request.params.key)
    const body = bodyObject(request.body)
    const value = body.value === undefined ? undefined : checkSecretValue(body.value)
    const description = checkDescription(body.description)
    if (value === undefined && description === undefined) throw new ApiError(400, 'INVALID_BODY', 'nothing to update: send value and/or description')
    // The sealed column is written, never read, by the caller's role (it has no SELECT on it): set only when given.
    const values: unknown[] = [caller.userId, key]
    const sets = ['updated_by = $1', 'updated_at = now()']
    if (value !== undefined) sets.push(`encrypted_value = $${values.push(sealUserSecret(ctx, caller.userId, key, value))}`)
    if (description !== undefined) sets.push(`description = $${values.push(description)}`)
    const rows = await asCaller(caller, request, async (c) =>
      (await c.query<SecretRow>(`UPDATE app.settings SET ${sets.join(', ')} WHERE user_id = $1 AND key = $2 AND is_secret RETURNING ${COLUMNS}`, values)).rows)
    if (!rows[0]) throw notFound(key)
    return secretJson(rows[0])
  })

  app.delete<{ Params: { key: string } }>('/api/v1/settings/secret/:key', async (request, reply) => {
    const caller = await signedInUser(ctx, request)
    const key = checkKey(request.params.key)
    const count = await asCaller(caller, request, async (c) => (await c.query('DELETE FROM app.settings WHERE user_id = $1 AND key = $2 AND is_secret', [caller.userId, key])).rowCount)
    if (!count) throw notFound(key)
    return reply.code(204).send()
  })
}
