// project/types/types-export-routes.ts — GET|POST /api/v1/admin/schema/typescript (contract part 2, §7), the endpoint
// `fluxbase types generate` calls, for the service role only. A POST or `Accept: application/json` gets
// `{typescript, schemas}`; anything else the file itself as text/plain (types.ts). Also starts the types file
// writer when the runtime was given one (--types-out).
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../../context.js'
import { ApiError } from '../../errors.js'
import { isPrivileged } from '../../rpc/check-access.js'
import { schemaStoreFor } from '../../rest/schema/schema-store.js'
import { exportOptions } from './export-options.js'
import { exportTypes } from './export-types.js'
import { startTypesFile } from './types-file-writer.js'

export const TYPES_EXPORT_PATH = '/api/v1/admin/schema/typescript'

/** The body as parsed JSON, or undefined when there is none or it does not parse (upstream then uses its defaults). */
const UNPARSED = Symbol('unparsed')

export async function registerTypesRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const store = await schemaStoreFor(ctx)
  if (ctx.config.typesOut) startTypesFile(ctx, store, ctx.config.typesOut)

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
      try {
        done(null, String(text).trim() ? (JSON.parse(String(text)) as unknown) : UNPARSED)
      } catch {
        done(null, UNPARSED)
      }
    })
    scope.route({
      method: ['GET', 'POST'],
      url: TYPES_EXPORT_PATH,
      handler: async (request, reply) => {
        const identity = await ctx.identify(request)
        if (!isPrivileged(identity)) throw new ApiError(403, 'FORBIDDEN', "exporting the database's types requires the service role")
        const body = request.body === UNPARSED ? undefined : request.body
        const options = exportOptions(request.method, body, request.query as Record<string, unknown>)
        const typescript = await exportTypes(ctx.pools.admin, await store.refreshForMiss(), options)
        const wantsJson = request.method === 'POST' || /application\/json/i.test(request.headers.accept ?? '')
        if (wantsJson) return reply.send({ typescript, schemas: options.schemas })
        return reply.type('text/plain; charset=utf-8').header('Content-Disposition', 'attachment; filename="types.ts"').send(typescript)
      },
    })
  })
}
