// project/admin-migrations/admin-migrations-routes.ts — `/api/v1/admin/migrations` (contract §6) and
// `POST /api/v1/admin/schema/refresh`, for the service role. Migrations made here live in namespaces other than
// `filesystem`, which belongs to the project folder (its files are the source of truth: edit them instead).
// Not copied from upstream: the IP allowlist, the 10-requests-an-hour limit, a 500 for a migration's own SQL
// error (here 422 with PostgreSQL's words), and rolled-back migrations that can never be applied again.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { ServerContext } from '../../context.js'
import { ApiError } from '../../errors.js'
import { parseBody } from '../../http/parse-body.js'
import { schemaStoreFor } from '../../rest/schema/schema-store.js'
import { FOLDER_NAMESPACE } from '../migration-tracking.js'
import { deleteMigration, getMigration, insertMigration, listExecutions, listMigrations, updateMigration, type Migration } from './migration-rows.js'
import { applyMigration, rollbackMigration } from './run-migration.js'
import { syncMigrations } from './sync-migrations.js'

const BASE = '/api/v1/admin/migrations'
const name = z.string().min(1).max(255).regex(/^[\w.-]+$/, 'use letters, digits, _, . and - only')
const namespace = z.string().min(1).max(100).regex(/^[\w.-]+$/, 'use letters, digits, _, . and - only')
const sql = z.string().min(1).max(5_000_000)
const createBody = z.object({ namespace: namespace.optional(), name, description: z.string().max(10_000).optional(), up_sql: sql, down_sql: sql.optional() })
const updateBody = z.object({ namespace: namespace.optional(), description: z.string().max(10_000).optional(), up_sql: sql.optional(), down_sql: sql.optional(), status: z.literal('pending').optional() })
const syncBody = z.object({
  namespace: namespace.optional(),
  migrations: z.array(z.object({ name, description: z.string().max(10_000).optional(), up_sql: sql, down_sql: sql.optional() })).max(10_000),
  options: z.object({ update_if_changed: z.boolean().default(true), auto_apply: z.boolean().default(false), dry_run: z.boolean().default(false) }).default({ update_if_changed: true, auto_apply: false, dry_run: false }),
})
const STATUS = z.enum(['pending', 'applied', 'failed', 'rolled_back'])

export async function registerAdminMigrationsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const pool = ctx.pools.admin

  async function requireService(request: FastifyRequest): Promise<string> {
    const who = await ctx.identify(request, { required: true })
    if (who.dbRole !== 'service_role') throw new ApiError(403, 'FORBIDDEN', 'migrations are for the service role (a service key or a service_role token)')
    return String(who.claims.sub ?? 'service_role')
  }
  const nsOf = (request: FastifyRequest, body?: { namespace?: string }): string => {
    const q = (request.query as Record<string, unknown>).namespace
    const ns = body?.namespace ?? (typeof q === 'string' && q ? q : 'default')
    if (!namespace.safeParse(ns).success) throw new ApiError(400, 'INVALID_PARAMETER', `namespace "${ns}" is not valid: use letters, digits, _, . and - only`)
    return ns
  }
  const writable = (ns: string) => {
    if (ns === FOLDER_NAMESPACE) {
      throw new ApiError(403, 'FOLDER_NAMESPACE', `the "${FOLDER_NAMESPACE}" namespace is the project folder's: change its files in fluxbase/migrations/ instead`)
    }
  }
  const found = async (ns: string, request: FastifyRequest): Promise<Migration> => {
    const n = (request.params as { name: string }).name
    const m = await getMigration(pool, ns, n)
    if (!m) throw new ApiError(404, 'NOT_FOUND', `no migration "${n}" in namespace "${ns}"`)
    return m
  }

  app.post(BASE, async (request, reply) => {
    const by = await requireService(request)
    const body = parseBody(createBody, request.body)
    const ns = nsOf(request, body)
    writable(ns)
    const created = await insertMigration(pool, ns, body, by)
    if (!created) throw new ApiError(409, 'DUPLICATE_NAME', `a migration named "${body.name}" already exists in namespace "${ns}"`)
    return reply.status(201).send(created)
  })

  app.get(BASE, async (request) => {
    await requireService(request)
    const s = (request.query as Record<string, unknown>).status
    const status = s === undefined || s === '' ? undefined : STATUS.safeParse(s)
    if (status && !status.success) throw new ApiError(400, 'INVALID_PARAMETER', `status must be pending, applied, failed or rolled_back, not "${String(s)}"`)
    return listMigrations(pool, nsOf(request), status?.data)
  })

  app.get(`${BASE}/:name`, async (request) => {
    await requireService(request)
    return found(nsOf(request), request)
  })

  app.put(`${BASE}/:name`, async (request) => {
    await requireService(request)
    const body = parseBody(updateBody, request.body)
    const ns = nsOf(request, body)
    writable(ns)
    const m = await found(ns, request)
    if (m.status !== 'pending' && m.status !== 'failed') throw new ApiError(409, 'NOT_EDITABLE', `migration "${m.name}" is ${m.status.replace('_', ' ')}: only pending or failed migrations can be changed`)
    return updateMigration(pool, m, body)
  })

  app.delete(`${BASE}/:name`, async (request, reply) => {
    await requireService(request)
    const ns = nsOf(request)
    writable(ns)
    const m = await found(ns, request)
    if (m.status !== 'pending') throw new ApiError(409, 'NOT_DELETABLE', `migration "${m.name}" is ${m.status.replace('_', ' ')}: only pending migrations can be deleted`)
    await deleteMigration(pool, m.id)
    return reply.status(204).send()
  })

  app.post(`${BASE}/:name/apply`, async (request, reply) => {
    const by = await requireService(request)
    const ns = nsOf(request, request.body as { namespace?: string } | undefined)
    writable(ns)
    const outcome = await applyMigration(pool, await found(ns, request), by)
    if (!outcome.ok) return reply.status(422).send({ error: `migration "${outcome.migration.name}" failed: ${outcome.error}`, details: outcome.details, code: outcome.code, migration: outcome.migration })
    return { message: outcome.skipped ? `migration "${outcome.migration.name}" was already applied` : `migration "${outcome.migration.name}" applied`, migration: outcome.migration }
  })

  app.post(`${BASE}/:name/rollback`, async (request, reply) => {
    const by = await requireService(request)
    const ns = nsOf(request, request.body as { namespace?: string } | undefined)
    writable(ns)
    const m = await found(ns, request)
    if (m.status !== 'applied') throw new ApiError(409, 'NOT_APPLIED', `migration "${m.name}" is ${m.status.replace('_', ' ')}: only an applied migration can be rolled back`)
    if (!m.down_sql) throw new ApiError(400, 'NO_DOWN_SQL', `migration "${m.name}" has no down_sql: give it one (PUT is not allowed once applied), or write a new migration that undoes it`)
    const outcome = await rollbackMigration(pool, m, by)
    if (!outcome.ok) return reply.status(422).send({ error: `rolling back "${m.name}" failed: ${outcome.error}`, details: outcome.details, code: outcome.code, migration: outcome.migration })
    return { message: `migration "${m.name}" rolled back`, migration: outcome.migration }
  })

  app.post(`${BASE}/apply-pending`, async (request, reply) => {
    const by = await requireService(request)
    const ns = nsOf(request, request.body as { namespace?: string } | undefined)
    writable(ns)
    const applied: string[] = []
    const failed: string[] = []
    for (const m of await listMigrations(pool, ns, 'pending')) {
      const outcome = await applyMigration(pool, m, by)
      if (outcome.ok) applied.push(m.name)
      else {
        failed.push(m.name)
        return reply.status(422).send({ message: `stopped at "${m.name}": ${outcome.error}`, applied, failed, details: outcome.details })
      }
    }
    return { message: applied.length ? `${applied.length} migration(s) applied` : 'nothing pending', applied, failed }
  })

  app.get(`${BASE}/:name/executions`, async (request) => {
    await requireService(request)
    return listExecutions(pool, (await found(nsOf(request), request)).id)
  })

  app.post(`${BASE}/sync`, async (request, reply) => {
    const by = await requireService(request)
    const body = parseBody(syncBody, request.body)
    const ns = nsOf(request, body)
    writable(ns)
    const result = await syncMigrations(pool, ns, body.migrations, body.options, by)
    return reply.status(result.details.errors.length ? 422 : 200).send(result)
  })

  app.post('/api/v1/admin/schema/refresh', async (request) => {
    await requireService(request)
    const cache = await (await schemaStoreFor(ctx)).reload()
    return { message: 'schema cache refreshed', relations: cache.relations.size }
  })
}
