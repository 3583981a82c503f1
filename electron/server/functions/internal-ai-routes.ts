// functions/internal-ai-routes.ts — `/api/v1/internal/ai/{providers,chat,embed}`, what the `ai.*` utilities of
// functions and jobs call with the service token (contract §2.2). The local studio has no AI provider: the list is
// empty and chat/embed answer 501 with words a developer can act on, instead of a bare 404 from an unknown route.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'

export async function registerInternalAiRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  async function requireService(request: Parameters<ServerContext['identify']>[0]): Promise<void> {
    const who = await ctx.identify(request)
    if (who.dbRole !== 'service_role') throw new ApiError(403, 'FORBIDDEN', 'the internal AI routes are for the service role (the ai.* utilities of functions and jobs call them with the service token)')
  }

  app.get('/api/v1/internal/ai/providers', async (request) => {
    await requireService(request)
    return { providers: [] }
  })

  for (const kind of ['chat', 'embed'] as const) {
    app.post(`/api/v1/internal/ai/${kind}`, async (request) => {
      await requireService(request)
      throw new ApiError(
        501,
        'AI_NOT_CONFIGURED',
        `ai.${kind}() needs an AI provider, and the local studio has none: it runs offline`,
        undefined,
        'call your provider from the function with fetch (its key as a secret), or point this code at a Fluxbase server with AI providers configured',
      )
    })
  }
}
