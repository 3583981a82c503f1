// studio/status-routes.ts — GET /studio/api/status: what the status page and the Connect panel show.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { checkStudioToken } from './studio-auth.js'
import { typesFileStatus } from '../project/types/types-file-writer.js'
import { runtimeMemory } from './runtime-memory.js'

export async function registerStudioStatusRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/studio/api/status', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    let database: 'up' | 'down' = 'up'
    let postgresVersion = ctx.postgresVersion
    try {
      const r = await ctx.pools.admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")
      postgresVersion = r.rows[0].v
    } catch {
      database = 'down'
    }
    return {
      apiUrl: ctx.apiUrl,
      anonKey: ctx.keys.anonKey,
      serviceRoleKey: ctx.keys.serviceRoleKey,
      databaseUrl: ctx.databaseUrl,
      postgresVersion,
      startedAt: ctx.startedAt.toISOString(),
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
      database,
      version: ctx.version,
      dataDir: ctx.config.dataDir,
      memoryRssBytes: process.memoryUsage.rss(),
      memory: runtimeMemory(ctx),
      typesFile: typesFileStatus(ctx),
      realtime: { up: ctx.realtimeUp?.() ?? false, problem: ctx.realtimeProblem?.() ?? null },
      notes: ctx.notes,
    }
  })
}
