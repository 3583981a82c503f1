// settings/user-setting-routes.ts — the SDK's public settings (GET /settings/{key}, POST /settings/batch, under
// app.settings RLS: public system settings only) and a user's own settings (app.user_settings, under RLS):
// list / own / system / merged (user, else system) / upsert / delete (contract §5). `value` must be an object.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PoolClient } from 'pg'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { withIdentity } from '../postgres/with-identity.js'
import { signedInUser } from './user-secret-routes.js'
import { bodyObject, checkDescription, checkKey } from './setting-keys.js'

const COLUMNS = 'id::text, key, value, description, user_id::text, created_at, updated_at'
const MAX_BATCH = 100

interface UserSettingRow {
  id: string
  key: string
  value: unknown
  description: string | null
  user_id: string
  created_at: Date
  updated_at: Date
}

const settingJson = (r: UserSettingRow) => ({
  id: r.id,
  key: r.key,
  value: r.value,
  ...(r.description !== null ? { description: r.description } : {}),
  user_id: r.user_id,
  created_at: r.created_at.toISOString(),
  updated_at: r.updated_at.toISOString(),
})

// Only what RLS lets the caller see: public, non-secret system settings.
const SYSTEM_VALUES = 'SELECT key, value FROM app.settings WHERE user_id IS NULL AND NOT is_secret AND key = ANY($1::text[]) ORDER BY key'

export async function registerUserSettingRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const as = <T>(caller: Identity, request: FastifyRequest, fn: (c: PoolClient) => Promise<T>) => withIdentity(ctx.pools.api, caller, fn, { requestId: request.id })
  const systemValues = async (caller: Identity, request: FastifyRequest, keys: string[]) =>
    as(caller, request, async (c) => (await c.query<{ key: string; value: unknown }>(SYSTEM_VALUES, [keys])).rows)

  app.get<{ Params: { key: string } }>('/api/v1/settings/:key', async (request) => {
    const caller = await ctx.identify(request)
    const key = checkKey(request.params.key)
    const [row] = await systemValues(caller, request, [key])
    if (!row) throw new ApiError(404, 'SETTING_NOT_FOUND', `no setting "${key}" (or it is not public)`)
    return { value: row.value }
  })

  app.post('/api/v1/settings/batch', async (request) => {
    const caller = await ctx.identify(request)
    const keys = bodyObject(request.body).keys
    if (!Array.isArray(keys) || keys.length === 0) throw new ApiError(400, 'INVALID_BODY', 'keys must be a non-empty array of setting keys')
    if (keys.length > MAX_BATCH) throw new ApiError(400, 'INVALID_BODY', `at most ${MAX_BATCH} keys per batch (got ${keys.length})`)
    return systemValues(caller, request, keys.map((k, i) => checkKey(k, `keys[${i}]`)))
  })

  app.get('/api/v1/settings/user/list', async (request) => {
    const caller = await signedInUser(ctx, request)
    const rows = await as(caller, request, async (c) => (await c.query<UserSettingRow>(`SELECT ${COLUMNS} FROM app.user_settings WHERE user_id = $1 ORDER BY key`, [caller.userId])).rows)
    return rows.map(settingJson)
  })

  const ownRow = (caller: Identity & { userId: string }, request: FastifyRequest, key: string) =>
    as(caller, request, async (c) => (await c.query<UserSettingRow>(`SELECT ${COLUMNS} FROM app.user_settings WHERE user_id = $1 AND key = $2`, [caller.userId, key])).rows[0])

  app.get<{ Params: { key: string } }>('/api/v1/settings/user/own/:key', async (request) => {
    const caller = await signedInUser(ctx, request)
    const key = checkKey(request.params.key)
    const row = await ownRow(caller, request, key)
    if (!row) throw new ApiError(404, 'SETTING_NOT_FOUND', `no setting "${key}" for this user`)
    return settingJson(row)
  })

  app.get<{ Params: { key: string } }>('/api/v1/settings/user/system/:key', async (request) => {
    const caller = await signedInUser(ctx, request)
    const key = checkKey(request.params.key)
    const [row] = await systemValues(caller, request, [key])
    if (!row) throw new ApiError(404, 'SETTING_NOT_FOUND', `no system setting "${key}" (or it is not public)`)
    return { key: row.key, value: row.value }
  })

  app.get<{ Params: { key: string } }>('/api/v1/settings/user/:key', async (request) => {
    const caller = await signedInUser(ctx, request)
    const key = checkKey(request.params.key)
    const own = await ownRow(caller, request, key)
    if (own) return { key, value: own.value, source: 'user' }
    const [system] = await systemValues(caller, request, [key])
    if (system) return { key, value: system.value, source: 'system' }
    throw new ApiError(404, 'SETTING_NOT_FOUND', `no setting "${key}" for this user and no public system setting of that name`)
  })

  app.put<{ Params: { key: string } }>('/api/v1/settings/user/:key', async (request) => {
    const caller = await signedInUser(ctx, request)
    const key = checkKey(request.params.key)
    const body = bodyObject(request.body)
    const value = body.value
    if (value === undefined) throw new ApiError(400, 'INVALID_VALUE', 'value is required (a JSON object)')
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new ApiError(400, 'INVALID_VALUE', `value must be a JSON object, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`, undefined, 'wrap it, e.g. {"value": {"theme": "dark"}}')
    }
    const description = checkDescription(body.description)
    const rows = await as(caller, request, async (c) => (await c.query<UserSettingRow>(
      `INSERT INTO app.user_settings (user_id, key, value, description) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO UPDATE SET value = EXCLUDED.value,
         description = CASE WHEN $5::boolean THEN EXCLUDED.description ELSE app.user_settings.description END, updated_at = now()
       RETURNING ${COLUMNS}`,
      [caller.userId, key, JSON.stringify(value), description ?? null, description !== undefined],
    )).rows)
    return settingJson(rows[0]!)
  })

  app.delete<{ Params: { key: string } }>('/api/v1/settings/user/:key', async (request, reply) => {
    const caller = await signedInUser(ctx, request)
    const key = checkKey(request.params.key)
    const count = await as(caller, request, async (c) => (await c.query('DELETE FROM app.user_settings WHERE user_id = $1 AND key = $2', [caller.userId, key])).rowCount)
    if (!count) throw new ApiError(404, 'SETTING_NOT_FOUND', `no setting "${key}" for this user`)
    return reply.code(204).send()
  })
}
