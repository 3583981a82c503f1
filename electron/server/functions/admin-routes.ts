// functions/admin-routes.ts — reading the functions and their executions (contract §3): the list and one
// function, executions per function and overall, an execution's log lines, namespaces, and reload (a rescan of
// the folder). Admin, dashboard_admin or service role only; empty lists are [].
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { FunctionEntry } from './function-catalog.js'
import type { FunctionsService } from './functions-service.js'

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

const limitOf = (v: unknown, dflt: number, max: number) => {
  const n = Number.parseInt(String(v ?? ''), 10)
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : dflt
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
    return service.history.list({ functionName: fn.name }).slice(0, limitOf((request.query as { limit?: unknown }).limit, 50, 100))
  })
  app.get('/api/v1/admin/functions/namespaces', async (request) => {
    await requireAdmin(request)
    return { namespaces: ['default'] }
  })
  app.get('/api/v1/admin/functions/executions', async (request) => {
    await requireAdmin(request)
    const q = request.query as { limit?: unknown; offset?: unknown; namespace?: string; function_name?: string; status?: string }
    const all = service.history.list({ functionName: q.function_name || undefined, namespace: q.namespace || undefined, status: q.status || undefined })
    const offset = Math.max(0, Number.parseInt(String(q.offset ?? '0'), 10) || 0)
    const executions = all.slice(offset, offset + limitOf(q.limit, 25, 1000))
    return { executions, count: all.length }
  })
  app.get('/api/v1/admin/functions/executions/:id/logs', async (request) => {
    await requireAdmin(request)
    const id = (request.params as { id: string }).id
    if (!service.history.get(id)) throw new ApiError(404, 'NOT_FOUND', `execution ${id.slice(0, 64)} not found (the history keeps the newest 1000)`)
    const after = Number.parseInt(String((request.query as { after_line?: unknown }).after_line ?? '-1'), 10)
    const entries = service.history.lines(id, Number.isFinite(after) ? after : -1)
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
