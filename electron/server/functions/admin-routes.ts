// functions/admin-routes.ts — reading the functions and their executions (contract §3): the list and one
// function, executions per function and overall, an execution's log lines, namespaces, and reload (a rescan of
// the folder). Admin, dashboard_admin or service role only; empty lists are [].
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { FunctionEntry } from './function-catalog.js'
import type { FunctionsService } from './functions-service.js'
import { executionLines, executionsPage, type ExecutionsQuery } from './function-reads.js'

export function functionJson(fn: FunctionEntry, dir: string) {
  const s = fn.settings
  return {
    id: fn.name,
    name: fn.name,
    namespace: fn.namespace,
    enabled: s.enabled,
    state: fn.state,
    error: fn.error ?? null,
    source: 'filesystem',
    source_path: fn.entry.startsWith(dir) ? fn.entry.slice(dir.length + 1) : fn.entry,
    version: fn.version,
    timeout_seconds: s.timeoutSeconds,
    memory_limit_mb: s.memoryMb,
    allow_net: true,
    allow_env: true,
    allow_read: true,
    allow_write: true,
    allow_unauthenticated: s.allowUnauthenticated,
    is_public: s.isPublic,
    disable_execution_logs: s.disableExecutionLogs,
    cors_origins: s.cors.origins?.join(',') ?? null,
    cors_methods: s.cors.methods?.join(',') ?? null,
    cors_headers: s.cors.headers?.join(',') ?? null,
    cors_credentials: s.cors.credentials ?? false,
    cors_max_age: s.cors.maxAge ?? null,
    rate_limit_per_minute: s.rateLimit?.window === 'minute' ? s.rateLimit.limit : null,
    rate_limit_per_hour: s.rateLimit?.window === 'hour' ? s.rateLimit.limit : null,
    rate_limit_per_day: s.rateLimit?.window === 'day' ? s.rateLimit.limit : null,
    is_bundled: false,
    bundle_error: fn.state === 'error' ? (fn.error?.message ?? null) : null,
    updated_at: fn.updatedAt,
  }
}

export async function registerFunctionAdminRoutes(app: FastifyInstance, ctx: ServerContext, service: FunctionsService): Promise<void> {
  async function requireAdmin(request: FastifyRequest): Promise<void> {
    const who = await ctx.identify(request)
    if (!(who.dbRole === 'service_role' || who.appRole === 'admin' || who.appRole === 'dashboard_admin')) {
      throw new ApiError(403, 'FORBIDDEN', 'Admin access required: reading functions needs the admin, dashboard_admin or service_role role')
    }
  }
  const dir = service.catalog.dir
  const byName = (request: FastifyRequest) => {
    const fn = service.catalog.get((request.params as { name: string }).name)
    if (!fn) throw new ApiError(404, 'NOT_FOUND', 'Function not found')
    return fn
  }

  app.get('/api/v1/functions', async (request) => {
    await requireAdmin(request)
    return service.catalog.list().map((fn) => functionJson(fn, dir))
  })
  app.get('/api/v1/functions/:name', async (request) => {
    await requireAdmin(request)
    return functionJson(byName(request), dir)
  })
  app.get('/api/v1/functions/:name/executions', async (request) => {
    await requireAdmin(request)
    const fn = byName(request)
    const q = request.query as ExecutionsQuery
    return executionsPage(service, { limit: q.limit, function_name: fn.name }, { limit: 50, maxLimit: 100 }).executions
  })
  app.get('/api/v1/admin/functions/namespaces', async (request) => {
    await requireAdmin(request)
    return { namespaces: ['default'] }
  })
  app.get('/api/v1/admin/functions/executions', async (request) => {
    await requireAdmin(request)
    const { executions, count } = executionsPage(service, request.query as ExecutionsQuery, { limit: 25, maxLimit: 1000 })
    return { executions, count }
  })
  app.get('/api/v1/admin/functions/executions/:id/logs', async (request) => {
    await requireAdmin(request)
    const { entries } = executionLines(service, (request.params as { id: string }).id, (request.query as { after_line?: unknown }).after_line)
    return { entries, count: entries.length }
  })
  app.post('/api/v1/admin/functions/reload', async (request) => {
    await requireAdmin(request)
    const before = new Set(service.catalog.list().map((f) => f.name))
    const changed = service.reload()
    const now = new Set(service.catalog.list().map((f) => f.name))
    const created = changed.filter((n) => now.has(n) && !before.has(n))
    const updated = changed.filter((n) => now.has(n) && before.has(n))
    const deleted = changed.filter((n) => !now.has(n))
    return { message: 'Functions reloaded from the functions folder', created, updated, deleted, errors: [], total: now.size }
  })
}
