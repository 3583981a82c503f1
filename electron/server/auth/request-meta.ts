// auth/request-meta.ts — what auth records about the caller of a request: IP (for the rate limit, sessions and the
// audit trail) and user agent. Reads only what Fastify already parsed.
import type { FastifyRequest } from 'fastify'
import { clientIp } from './rate-limit.js'

export interface RequestMeta {
  ip: string
  userAgent: string | null
  requestId: string
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent']
  return { ip: clientIp(request.ip), userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null, requestId: request.id }
}
