// studio/hidden-rows-routes.ts — the silent-filter hint: "N rows hidden by RLS" for one API read, computed only
// when asked. The same request runs twice through the real REST pipeline (app.inject, no network): as the
// identity and as service_role, both with count=exact; the difference is what RLS (or a missing grant) hid.
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { parseBody } from '../http/parse-body.js'
import { checkStudioToken } from './studio-auth.js'
import { STUDIO_IDENTITY_HEADER } from './studio-identity.js'

const body = z.object({
  /** The app's read, e.g. /api/v1/tables/posts?select=id&published=eq.true */
  path: z.string().startsWith('/api/v1/tables/').max(8000),
})

function withExactCount(path: string): string {
  const u = new URL(path, 'http://127.0.0.1')
  u.searchParams.set('count', 'exact')
  u.searchParams.set('limit', '1')
  u.searchParams.delete('offset')
  return u.pathname + u.search
}

function totalFrom(range: string | undefined): number | undefined {
  const m = range ? /\/(\d+)$/.exec(range) : null
  return m ? Number(m[1]) : undefined
}

export async function registerStudioHiddenRowsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post('/studio/api/rls/hidden-count', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const { path } = parseBody(body, request.body)
    const identityToken = request.headers[STUDIO_IDENTITY_HEADER]
    if (typeof identityToken !== 'string' || !identityToken) throw new ApiError(400, 'IDENTITY_REQUIRED', 'send the identity to check as X-Studio-Identity')
    const url = withExactCount(path)
    const run = (token: string) => app.inject({ method: 'GET', url, headers: { host: '127.0.0.1', authorization: `Bearer ${token}` } })
    const [asIdentity, asService] = await Promise.all([run(identityToken), run(ctx.keys.serviceRoleKey)])
    if (asService.statusCode >= 400) {
      const err = asService.json() as { error?: string }
      throw new ApiError(asService.statusCode, 'REQUEST_FAILED', `the request itself fails: ${err.error ?? asService.statusCode}`)
    }
    const all = totalFrom(asService.headers['content-range'] as string | undefined) ?? 0
    if (asIdentity.statusCode >= 400) {
      const err = asIdentity.json() as { error?: string; hint?: string }
      return { total: all, visible: 0, hidden: all, refused: { status: asIdentity.statusCode, error: err.error, hint: err.hint } }
    }
    const visible = totalFrom(asIdentity.headers['content-range'] as string | undefined) ?? 0
    return { total: all, visible, hidden: Math.max(0, all - visible), message: all > visible ? `${all - visible} row${all - visible === 1 ? '' : 's'} hidden by RLS` : 'nothing hidden by RLS' }
  })
}
