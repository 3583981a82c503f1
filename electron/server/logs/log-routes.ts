// logs/log-routes.ts — the contract's log endpoints (§7) for admins and service_role callers:
// GET /api/v1/admin/logs, /stats, /executions/{id}, POST /flush.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { parseLogQuery } from './log-filter.js'
import { logStats, queryLogs } from './log-store.js'

const ADMIN_ROLES = new Set(['service_role', 'dashboard_admin', 'admin'])

export async function requireLogAdmin(ctx: ServerContext, request: FastifyRequest): Promise<void> {
  const identity = await ctx.identify(request)
  if (!ADMIN_ROLES.has(identity.appRole)) {
    throw new ApiError(403, 'INSUFFICIENT_PERMISSIONS', 'reading logs needs the service_role key or an admin token', undefined, 'call with Authorization: Bearer <serviceRoleKey>')
  }
}

export async function registerLogRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/api/v1/admin/logs', async (request) => {
    await requireLogAdmin(ctx, request)
    const { filter, page } = parseLogQuery(request.query as Record<string, unknown>)
    return queryLogs(ctx.logs, filter, page)
  })

  app.get('/api/v1/admin/logs/stats', async (request) => {
    await requireLogAdmin(ctx, request)
    return logStats(ctx.logs)
  })

  app.get('/api/v1/admin/logs/executions/:id', async (request) => {
    await requireLogAdmin(ctx, request)
    const { id } = request.params as { id: string }
    const after = Number((request.query as Record<string, string>).after_line ?? 0)
    if (!Number.isInteger(after) || after < 0) throw new ApiError(400, 'INVALID_PARAMETER', 'after_line must be a non-negative integer')
    const { entries } = queryLogs(ctx.logs, { executionId: id }, { limit: 10_000, offset: 0, sortAsc: true })
    const lines = entries.filter((e) => Number((e.fields as Record<string, unknown> | undefined)?.line_number ?? 0) > after)
    return { entries: lines, count: lines.length }
  })

  app.post('/api/v1/admin/logs/flush', async (request) => {
    await requireLogAdmin(ctx, request)
    ctx.logs.flush()
    return { success: true, message: 'Logs flushed' }
  })
}
