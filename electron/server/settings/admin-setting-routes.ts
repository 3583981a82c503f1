// settings/admin-setting-routes.ts — system settings and system secrets for the studio and the CLI (upstream's
// /admin/settings/custom), service role only: app.settings rows without a user. A secret's value is sealed with
// the system key and never answered; a plain setting's value is any JSON. Runs as the API's login role after the
// role check, as auth/ does (its policy in migration 0630 says so).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { serviceCaller } from './service-caller.js'
import { sealSystemSecret } from './secret-env.js'
import { bodyObject, checkDescription, checkKey, checkSecretValue } from './setting-keys.js'

const BASE = '/api/v1/admin/settings/custom'
const COLUMNS = 'id::text, key, CASE WHEN is_secret THEN NULL ELSE value END AS value, is_secret, is_public, description, created_by::text, updated_by::text, created_at, updated_at'

interface SystemRow {
  id: string
  key: string
  value: unknown
  is_secret: boolean
  is_public: boolean
  description: string | null
  created_by: string | null
  updated_by: string | null
  created_at: Date
  updated_at: Date
}

const rowJson = (r: SystemRow) => ({ ...r, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString() })
const notFound = (key: string) => new ApiError(404, 'SETTING_NOT_FOUND', `no system setting "${key}"`)

function checkFlag(v: unknown, name: string): boolean | undefined {
  if (v === undefined) return undefined
  if (typeof v !== 'boolean') throw new ApiError(400, 'INVALID_BODY', `${name} must be true or false`)
  return v
}

export async function registerAdminSettingRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const db = ctx.pools.api
  const admin = (request: FastifyRequest) => serviceCaller(ctx, request, 'system settings and secrets')
  /** [value jsonb, sealed text] for a row: a secret's value is a string, sealed; a setting's any JSON but null. */
  function stored(key: string, isSecret: boolean, value: unknown): [string | null, string | null] {
    if (isSecret) return [null, sealSystemSecret(ctx, key, checkSecretValue(value))]
    if (value === undefined || value === null) throw new ApiError(400, 'INVALID_VALUE', 'value is required (any JSON value but null)')
    return [JSON.stringify(value), null]
  }

  app.get(BASE, async (request) => {
    await admin(request)
    return (await db.query<SystemRow>(`SELECT ${COLUMNS} FROM app.settings WHERE user_id IS NULL ORDER BY key`)).rows.map(rowJson)
  })

  app.get<{ Params: { key: string } }>(`${BASE}/:key`, async (request) => {
    await admin(request)
    const key = checkKey(request.params.key)
    const { rows } = await db.query<SystemRow>(`SELECT ${COLUMNS} FROM app.settings WHERE user_id IS NULL AND key = $1`, [key])
    if (!rows[0]) throw notFound(key)
    return rowJson(rows[0])
  })

  app.post(BASE, async (request, reply) => {
    const actor = await admin(request)
    const body = bodyObject(request.body)
    const key = checkKey(body.key)
    const isSecret = checkFlag(body.is_secret, 'is_secret') ?? false
    const isPublic = checkFlag(body.is_public, 'is_public') ?? false
    if (isSecret && isPublic) throw new ApiError(400, 'INVALID_BODY', 'a secret cannot be public')
    const [value, sealed] = stored(key, isSecret, body.value)
    const { rows } = await db.query<SystemRow>(
      `INSERT INTO app.settings (key, value, encrypted_value, is_secret, is_public, description, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (key) WHERE user_id IS NULL DO NOTHING RETURNING ${COLUMNS}`,
      [key, value, sealed, isSecret, isPublic, checkDescription(body.description) ?? null, actor],
    )
    if (!rows[0]) throw new ApiError(409, 'DUPLICATE_KEY', `a system setting "${key}" already exists`, undefined, `update it with PUT ${BASE}/${key}`)
    return reply.code(201).send(rowJson(rows[0]))
  })

  app.put<{ Params: { key: string } }>(`${BASE}/:key`, async (request) => {
    const actor = await admin(request)
    const key = checkKey(request.params.key)
    const body = bodyObject(request.body)
    const existing = (await db.query<{ is_secret: boolean }>('SELECT is_secret FROM app.settings WHERE user_id IS NULL AND key = $1', [key])).rows[0]
    if (!existing) throw notFound(key)
    if (body.is_secret !== undefined && body.is_secret !== existing.is_secret) throw new ApiError(400, 'INVALID_BODY', `"${key}" ${existing.is_secret ? 'is' : 'is not'} a secret; delete it and create it again to change that`)
    const isPublic = checkFlag(body.is_public, 'is_public')
    if (existing.is_secret && isPublic) throw new ApiError(400, 'INVALID_BODY', 'a secret cannot be public')
    const [value, sealed] = body.value === undefined ? [null, null] : stored(key, existing.is_secret, body.value)
    const description = checkDescription(body.description)
    const { rows } = await db.query<SystemRow>(
      `UPDATE app.settings SET value = coalesce($2::jsonb, value), encrypted_value = coalesce($3, encrypted_value),
              is_public = coalesce($4, is_public), description = CASE WHEN $5::boolean THEN $6 ELSE description END,
              updated_by = $7, updated_at = now()
        WHERE user_id IS NULL AND key = $1 RETURNING ${COLUMNS}`,
      [key, value, sealed, isPublic ?? null, description !== undefined, description ?? null, actor],
    )
    if (!rows[0]) throw notFound(key)
    return rowJson(rows[0])
  })

  app.delete<{ Params: { key: string } }>(`${BASE}/:key`, async (request, reply) => {
    await admin(request)
    const key = checkKey(request.params.key)
    const { rowCount } = await db.query('DELETE FROM app.settings WHERE user_id IS NULL AND key = $1', [key])
    if (!rowCount) throw notFound(key)
    return reply.code(204).send()
  })
}
