// project/project-routes.ts — /studio/api/project: the folder's state, migrate, `migration new`, reset, drift
// accept, snapshots. Called by the studio (studio token) and by the `fluxbase-studio` CLI when a runtime is
// running (the data directory's service-role key, which the CLI reads from studio.json beside it).
import crypto from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { parseBody } from '../http/parse-body.js'
import { bearerToken } from '../auth/identify.js'
import { logStudioAction } from '../studio/studio-identity.js'
import { projectService } from './project-service.js'
import { createMigrationFile } from './migration-new.js'
import { resetDatabase } from './reset.js'
import { deleteSnapshot, listSnapshots, restoreSnapshot, saveSnapshot } from './snapshots.js'
import { acceptDrift } from './drift-accept.js'
import { checkDrift } from './drift-check.js'

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

async function checkCaller(ctx: ServerContext, request: FastifyRequest): Promise<void> {
  const token = bearerToken(request) ?? ''
  if (same(token, ctx.studioToken)) return
  if (token) {
    const identity = await ctx.identifyToken(token)
    if (identity.appRole === 'service_role') return
  }
  throw new ApiError(401, 'PROJECT_AUTH_REQUIRED', 'the project API needs the studio token or the service-role key')
}

const nameBody = z.object({ name: z.string().min(1).max(120) })

export async function registerProjectRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const route = (method: 'GET' | 'POST' | 'DELETE', url: string, handler: (request: FastifyRequest) => Promise<unknown>) =>
    app.route({
      method,
      url: `/studio/api/project${url}`,
      handler: async (request) => {
        await checkCaller(ctx, request)
        return handler(request)
      },
    })

  route('GET', '', () => projectService(ctx).status())

  route('POST', '/migrate', async (request) => {
    const result = await projectService(ctx).migrate('studio')
    logStudioAction(ctx, request, 'apply pending migrations', { applied: result.applied })
    return { applied: result.applied, failure: result.failure ?? null }
  })

  route('POST', '/migrations', async (request) => {
    const { name } = parseBody(nameBody, request.body)
    const created = createMigrationFile(ctx.config.project, name)
    logStudioAction(ctx, request, 'new migration file', { file: created.file })
    return created
  })

  route('POST', '/drift/accept', async (request) => {
    const { name } = parseBody(nameBody, request.body)
    await acceptDrift(ctx, name)
    logStudioAction(ctx, request, `accepted the edited migration ${name}`)
    return { accepted: name }
  })

  route('POST', '/reset', async (request) => {
    const result = await resetDatabase(ctx)
    logStudioAction(ctx, request, 'reset the database from the project folder', { ...result })
    return result
  })

  route('GET', '/diff', () => checkDrift(ctx))

  route('GET', '/snapshots', async () => ({ snapshots: await listSnapshots(ctx) }))

  route('POST', '/snapshots', async (request) => {
    const { name } = parseBody(nameBody, request.body)
    const saved = await saveSnapshot(ctx, name)
    logStudioAction(ctx, request, `saved snapshot ${name}`)
    return saved
  })

  route('POST', '/snapshots/:name/restore', async (request) => {
    const { name } = request.params as { name: string }
    await restoreSnapshot(ctx, name)
    logStudioAction(ctx, request, `restored snapshot ${name}`)
    return { restored: name }
  })

  route('DELETE', '/snapshots/:name', async (request) => {
    const { name } = request.params as { name: string }
    await deleteSnapshot(ctx, name)
    logStudioAction(ctx, request, `deleted snapshot ${name}`)
    return { deleted: name }
  })

}
