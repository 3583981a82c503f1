// http/request-log.ts — one structured entry per request into the log bus (category `http`, as upstream), with
// secrets in the query string redacted. Health checks and the studio's own polling are not logged.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { LogBus } from '../logs/log-bus.js'
import { errorSummaryOf } from './error-summary.js'

const SILENT = [/^\/health$/, /^\/studio\/api\/status$/, /^\/studio\/(?!api\/)/, /^\/favicon\.ico$/]
const SECRET_PARAMS = /^(token|access_token|refresh_token|apikey|password|secret|key)$/i
/** A cheap look for any of SECRET_PARAMS' names in a raw query (possibly percent-encoded, so any case or %XX). */
const MAYBE_SECRET = /(?:^|&)[^=&]*(?:token|key|password|secret|%)[^=&]*(?:=|&|$)/i

export function redactQuery(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return ''
  const raw = url.slice(q + 1)
  // Most queries (filters, order, limit) name no secret: kept as sent, without a parse and re-encode per request.
  if (!MAYBE_SECRET.test(raw)) return raw
  const params = new URLSearchParams(raw)
  for (const k of [...params.keys()]) if (SECRET_PARAMS.test(k)) params.set(k, '[redacted]')
  return params.toString()
}

export function logRequest(logs: LogBus, request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0]
  if (SILENT.some((re) => re.test(path))) return
  const status = reply.statusCode
  const ms = Math.round(reply.elapsedTime * 100) / 100
  const identity = (request as FastifyRequest & { identity?: { appRole: string; userId: string | null } }).identity
  const length = reply.getHeader('content-length')
  const error = status >= 400 ? errorSummaryOf(request) : undefined
  logs.log({
    category: path.startsWith('/studio/') ? 'studio' : 'http',
    level: status >= 500 ? 'error' : status >= 400 || ms > 1000 ? 'warn' : 'info',
    message: `${request.method} ${path} → ${status} (${Math.round(ms)}ms)` + (error?.message ? `: ${error.code ? error.code + ' ' : ''}${error.message}` : ''),
    request_id: request.id,
    user_id: identity?.userId ?? undefined,
    component: 'http',
    fields: {
      method: request.method,
      path,
      query: redactQuery(request.url) || undefined,
      status_code: status,
      duration_ms: ms,
      user_agent: request.headers['user-agent'],
      referer: request.headers.referer,
      response_bytes: length !== undefined ? Number(length) : undefined,
      role: identity?.appRole,
      error,
    },
  })
}
