// rest/routes.ts — registers /api/v1/tables/* (GET, HEAD, POST, PATCH, DELETE) on the app built by http/app.ts.
// Everything else happens in rest-handler.ts; this file owns only routing and the body parser of its scope.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { schemaStoreFor } from './schema/schema-store.js'
import { createRestHandler } from './rest-handler.js'
import { useRawJsonBodies } from './request/raw-json-body.js'

export async function registerRestRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const store = await schemaStoreFor(ctx)
  const handle = createRestHandler(ctx, store)
  await app.register(async (scope) => {
    useRawJsonBodies(scope)
    scope.route({ method: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'], url: '/api/v1/tables/*', handler: (request, reply) => {
      const rest = (request.params as { '*': string })['*'] ?? ''
      if (rest === '' || rest === '/') return listTables(request, reply)
      return handle(request, reply)
    } })
    scope.get('/api/v1/tables', listTables)
  })

  async function listTables(request: Parameters<typeof handle>[0], reply: Parameters<typeof handle>[1]) {
    const identity = await ctx.identify(request)
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new ApiError(405, 'METHOD_NOT_ALLOWED', 'only GET lists tables')
    if (identity.dbRole !== 'service_role') throw new ApiError(403, 'FORBIDDEN', 'listing tables requires the service role')
    const tables = [...store.current().relations.values()]
      .filter((r) => !['pg_catalog', 'information_schema'].includes(r.schema))
      .map((r) => ({ schema: r.schema, name: r.name, type: r.kind, rls_enabled: r.rlsEnabled, columns: r.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })) }))
    return reply.send(tables)
  }
}
