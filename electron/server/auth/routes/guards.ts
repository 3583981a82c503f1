// auth/routes/guards.ts — who may call what: the per-IP rate limit on the public auth endpoints, service_role for
// /api/v1/admin, a user session for /auth/user. Each attaches the identity to the request for the request log.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../../errors.js'
import type { Identity } from '../../identity.js'
import type { AuthModule } from '../auth-module.js'
import { requestMeta } from '../request-meta.js'
import { logSecurity } from '../security-log.js'

export function attachIdentity(request: FastifyRequest, identity: Identity): Identity {
  ;(request as FastifyRequest & { identity?: Identity }).identity = identity
  return identity
}

/** Bearer token → identity, refusing anything but service_role (the service key, or a dashboard_admin user). */
export async function requireServiceRole(auth: AuthModule, request: FastifyRequest): Promise<Identity> {
  const identity = attachIdentity(request, await auth.ctx.identify(request))
  if (identity.dbRole !== 'service_role') {
    throw new ApiError(403, 'INSUFFICIENT_PERMISSIONS', 'This endpoint needs the service_role key', undefined, 'call it with Authorization: Bearer <service role key>, or use the studio')
  }
  return identity
}

/**
 * Counts the request against its IP. Service-role callers (seed scripts, the app's own backend) are not limited:
 * the limit exists to slow password guessing, which needs no service key.
 */
export async function rateLimit(auth: AuthModule, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (auth.settings.rateLimitPerWindow <= 0) return
  if (request.headers.authorization) {
    const identity = await auth.ctx.identify(request).catch(() => undefined)
    if (identity?.dbRole === 'service_role') return
  }
  const meta = requestMeta(request)
  const decision = auth.limiter.hit(meta.ip)
  if (decision.allowed) return
  void reply.header('Retry-After', String(decision.retryAfterSeconds))
  logSecurity(auth.ctx.logs, {
    event: 'rate_limited',
    success: false,
    message: `too many auth requests from ${meta.ip} (${request.method} ${request.url.split('?')[0]})`,
    meta,
  })
  throw new ApiError(429, 'RATE_LIMITED', `Too many requests. Please try again in ${decision.retryAfterSeconds} seconds.`, undefined, 'the limit is per IP; the studio can raise or switch it off (Auth → Settings)')
}
