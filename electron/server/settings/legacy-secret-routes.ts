// settings/legacy-secret-routes.ts — the legacy secrets API at /api/v1/secrets (contract §5; FLUXBASE_SECRET_* in
// functions and jobs, §2.4), service role only: app.function_secrets, global (no namespace) or per namespace, with an
// optional expiry. Values are sealed with the legacy-secrets key and never answered. By id or by name.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { serviceCaller } from './service-caller.js'
import { sealLegacySecret } from './secret-env.js'
import { bodyObject, checkDescription, checkKey, checkSecretValue, isUuid } from './setting-keys.js'

const COLUMNS = `id::text, name, namespace, CASE WHEN namespace IS NULL THEN 'global' ELSE 'namespace' END AS scope, description,
  expires_at, (expires_at IS NOT NULL AND expires_at <= now()) AS is_expired, version, created_by::text, updated_by::text, created_at, updated_at`

interface LegacyRow {
  id: string
  name: string
  namespace: string | null
  scope: string
  description: string | null
  expires_at: Date | null
  is_expired: boolean
  version: number
  created_by: string | null
  updated_by: string | null
  created_at: Date
  updated_at: Date
}

const rowJson = (r: LegacyRow) => ({ ...r, expires_at: r.expires_at?.toISOString() ?? null, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString() })

function checkNamespace(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null
  if (typeof v !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}$/.test(v)) throw new ApiError(400, 'INVALID_NAMESPACE', 'namespace must be letters, digits, "_" or "-" (up to 100)')
  return v
}

function checkExpiry(v: unknown): Date | null | undefined {
  if (v === undefined) return undefined
  if (v === null || v === '') return null
  const d = typeof v === 'string' ? new Date(v) : undefined
  if (!d || Number.isNaN(d.getTime())) throw new ApiError(400, 'INVALID_BODY', 'expires_at must be an ISO 8601 timestamp (or null for no expiry)')
  return d
}

export async function registerLegacySecretRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const db = ctx.pools.api
  const admin = (request: FastifyRequest) => serviceCaller(ctx, request, 'function secrets')
  /** WHERE clause and values for /secrets/:id or /secrets/by-name/:name?namespace=. */
  function target(request: FastifyRequest): { where: string; values: unknown[]; label: string } {
    const p = request.params as { id?: string; name?: string }
    if (p.id !== undefined) {
      if (!isUuid(p.id)) throw new ApiError(400, 'INVALID_ID', `"${p.id}" is not a secret id (UUID); use /api/v1/secrets/by-name/{name} for names`)
      return { where: 'id = $1', values: [p.id], label: `secret ${p.id}` }
    }
    const name = checkKey(p.name, 'name')
    const namespace = checkNamespace((request.query as { namespace?: unknown }).namespace)
    return { where: "name = $1 AND coalesce(namespace, '') = coalesce($2, '')", values: [name, namespace], label: `secret "${name}"${namespace ? ` in namespace ${namespace}` : ''}` }
  }

  app.get('/api/v1/secrets', async (request) => {
    await admin(request)
    const q = request.query as { namespace?: unknown; scope?: unknown }
    const namespace = checkNamespace(q.namespace)
    if (q.scope !== undefined && q.scope !== 'global' && q.scope !== 'namespace') throw new ApiError(400, 'INVALID_SCOPE', 'scope must be "global" or "namespace"')
    const { rows } = await db.query<LegacyRow>(
      `SELECT ${COLUMNS} FROM app.function_secrets
        WHERE ($1::text IS NULL OR namespace = $1) AND ($2::text IS NULL OR (namespace IS NULL) = ($2 = 'global'))
        ORDER BY namespace NULLS FIRST, name`,
      [namespace, (q.scope as string | undefined) ?? null],
    )
    return rows.map(rowJson)
  })

  app.post('/api/v1/secrets', async (request, reply) => {
    const actor = await admin(request)
    const body = bodyObject(request.body)
    const name = checkKey(body.name, 'name')
    const value = checkSecretValue(body.value)
    const namespace = body.scope === 'global' ? null : checkNamespace(body.namespace)
    if (body.scope === 'namespace' && !namespace) throw new ApiError(400, 'INVALID_NAMESPACE', 'scope "namespace" needs a namespace')
    const { rows } = await db.query<LegacyRow>(
      `INSERT INTO app.function_secrets (name, namespace, encrypted_value, description, expires_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (name, (coalesce(namespace, ''))) DO NOTHING RETURNING ${COLUMNS}`,
      [name, namespace, sealLegacySecret(ctx, name, namespace, value), checkDescription(body.description) ?? null, checkExpiry(body.expires_at) ?? null, actor],
    )
    if (!rows[0]) throw new ApiError(409, 'DUPLICATE_KEY', `a secret "${name}" already exists ${namespace ? `in namespace ${namespace}` : 'globally'}`)
    return reply.code(201).send(rowJson(rows[0]))
  })

  for (const path of ['/api/v1/secrets/by-name/:name', '/api/v1/secrets/:id']) {
    app.get(path, async (request) => {
      await admin(request)
      const t = target(request)
      const { rows } = await db.query<LegacyRow>(`SELECT ${COLUMNS} FROM app.function_secrets WHERE ${t.where}`, t.values)
      if (!rows[0]) throw new ApiError(404, 'SECRET_NOT_FOUND', `no ${t.label}`)
      return rowJson(rows[0])
    })

    app.put(path, async (request) => {
      const actor = await admin(request)
      const t = target(request)
      const body = bodyObject(request.body)
      const value = body.value === undefined ? undefined : checkSecretValue(body.value)
      const description = checkDescription(body.description)
      const expires = checkExpiry(body.expires_at)
      const current = (await db.query<{ name: string; namespace: string | null }>(`SELECT name, namespace FROM app.function_secrets WHERE ${t.where}`, t.values)).rows[0]
      if (!current) throw new ApiError(404, 'SECRET_NOT_FOUND', `no ${t.label}`)
      const n = t.values.length
      const { rows } = await db.query<LegacyRow>(
        `UPDATE app.function_secrets SET encrypted_value = coalesce($${n + 1}, encrypted_value),
                version = version + CASE WHEN $${n + 1}::text IS NULL THEN 0 ELSE 1 END,
                description = CASE WHEN $${n + 2}::boolean THEN $${n + 3} ELSE description END,
                expires_at = CASE WHEN $${n + 4}::boolean THEN $${n + 5}::timestamptz ELSE expires_at END,
                updated_by = $${n + 6}, updated_at = now()
          WHERE ${t.where} RETURNING ${COLUMNS}`,
        [...t.values, value === undefined ? null : sealLegacySecret(ctx, current.name, current.namespace, value), description !== undefined, description ?? null, expires !== undefined, expires ?? null, actor],
      )
      if (!rows[0]) throw new ApiError(404, 'SECRET_NOT_FOUND', `no ${t.label}`)
      return rowJson(rows[0])
    })

    app.delete(path, async (request, reply) => {
      await admin(request)
      const t = target(request)
      const { rowCount } = await db.query(`DELETE FROM app.function_secrets WHERE ${t.where}`, t.values)
      if (!rowCount) throw new ApiError(404, 'SECRET_NOT_FOUND', `no ${t.label}`)
      return reply.code(204).send()
    })
  }
}
