// functions/invoke-route.ts — GET|POST|PUT|PATCH|DELETE /api/v1/functions/{name}/invoke (contract §1.1): the
// order of checks (credentials, lookup, disabled, credential required, rate limit, impersonation), then the
// call with the raw body bytes, and the reply with X-Execution-Id. Each refusal is a 4xx that names the problem.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { impersonatedOr } from '../http/impersonation-header.js'
import { isPrivileged } from '../rpc/check-access.js'
import { bearerToken } from '../auth/identify.js'
import { invalidFunctionName } from './function-files.js'
import type { FunctionEntry } from './function-catalog.js'
import type { FunctionsService } from './functions-service.js'
import { RateLimiter } from './rate-limiter.js'

/** Bodies over this are refused with 413 before the function runs. */
export const INVOKE_BODY_LIMIT = 32 * 1024 * 1024
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive'])

function corsHeaders(fn: FunctionEntry, origin: string | undefined): Record<string, string> {
  const c = fn.settings.cors
  const out: Record<string, string> = {}
  if (c.origins?.length) {
    if (c.origins.includes('*')) out['access-control-allow-origin'] = '*'
    else out['access-control-allow-origin'] = origin && c.origins.includes(origin) ? origin : c.origins.join(',')
  }
  if (c.credentials && out['access-control-allow-origin'] !== '*') out['access-control-allow-credentials'] = 'true'
  if (c.maxAge && c.maxAge > 0) out['access-control-max-age'] = String(c.maxAge)
  return out
}

/** Without cors-* annotations a preflight is answered as the rest of the local API answers it (Origin reflected). */
const DEFAULT_PREFLIGHT = {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  maxAge: 600,
}

/**
 * A browser's preflight for one function (contract decision 2, §2.7 not-to-copy): answered from the function's
 * cors-* annotations — an Origin outside cors-origins gets no Allow-Origin (the browser then refuses, as the
 * function's author asked); without annotations, the request's Origin, method and headers are allowed.
 */
function preflightHeaders(fn: FunctionEntry | undefined, request: FastifyRequest): Record<string, string> {
  const c = fn?.settings.cors ?? {}
  const origin = request.headers.origin
  const out: Record<string, string> = { vary: 'Origin, Access-Control-Request-Headers' }
  let allowOrigin: string | undefined
  if (c.origins?.length) allowOrigin = c.origins.includes('*') ? '*' : origin && c.origins.includes(origin) ? origin : undefined
  else allowOrigin = origin ?? '*'
  if (!allowOrigin) return out
  out['access-control-allow-origin'] = allowOrigin
  out['access-control-allow-methods'] = (c.methods?.length ? c.methods : DEFAULT_PREFLIGHT.methods).join(', ')
  const asked = request.headers['access-control-request-headers']
  const headers = c.headers?.length ? c.headers.join(', ') : typeof asked === 'string' && asked ? asked : undefined
  if (headers) out['access-control-allow-headers'] = headers
  const credentials = c.origins?.length ? c.credentials === true : true
  if (credentials && allowOrigin !== '*') out['access-control-allow-credentials'] = 'true'
  out['access-control-max-age'] = String(c.maxAge && c.maxAge > 0 ? c.maxAge : DEFAULT_PREFLIGHT.maxAge)
  return out
}

export async function registerInvokeRoute(app: FastifyInstance, ctx: ServerContext, service: FunctionsService): Promise<void> {
  const limiter = new RateLimiter()

  async function invoke(request: FastifyRequest, reply: FastifyReply) {
    // 1. Credentials: a bad one is always 401, never anonymous access.
    const hasCredential = Boolean(bearerToken(request))
    let caller = await ctx.identify(request, { required: false })
    const { name } = request.params as { name: string }
    const nameProblem = invalidFunctionName(name)
    if (nameProblem) throw new ApiError(400, 'INVALID_FUNCTION_NAME', `${nameProblem}; a function name is one path segment`)
    // 3. Lookup (one namespace locally: "default").
    const ns = (request.query as { namespace?: unknown }).namespace
    const fn = service.catalog.get(name)
    if (!fn || (typeof ns === 'string' && ns !== '' && ns !== fn.namespace)) throw new ApiError(404, 'NOT_FOUND', 'Function not found')
    void reply.headers(corsHeaders(fn, request.headers.origin))
    // 4–5. Disabled; a credential is required unless the function allows unauthenticated calls.
    if (fn.state === 'disabled') throw new ApiError(403, 'FUNCTION_DISABLED', 'Function is disabled')
    if (!hasCredential && !fn.settings.allowUnauthenticated) {
      throw new ApiError(401, 'UNAUTHORIZED', 'Authentication required. Provide an anon key (Authorization: Bearer <anon key>) or a user token, or mark the function @fluxbase:allow-unauthenticated')
    }
    // 6. Rate limit per function and caller.
    const rl = fn.settings.rateLimit
    if (rl) {
      const over = limiter.hit(`${fn.name}:${caller.userId ?? request.ip}`, rl.limit, rl.window)
      if (over) {
        const retryAfter = Math.max(1, Math.ceil((over.resetAt - Date.now()) / 1000))
        void reply.headers({ 'retry-after': String(retryAfter), 'x-ratelimit-limit': String(rl.limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(over.resetAt / 1000)) })
        return reply.status(429).send({ error: `Rate limit exceeded: ${rl.limit} requests per ${rl.window}`, retry_after: retryAfter, request_id: request.id })
      }
    }
    // 7. X-Impersonation-Token replaces the caller.
    caller = await impersonatedOr(ctx, request, caller)
    if (fn.state === 'error' && fn.error) {
      return reply.status(500).send({ error: `Function failed to load: ${fn.error.message.split('\n')[0]}`, details: fn.error.message, location: fn.error.location, request_id: request.id })
    }
    // 8. Execute.
    const headers: Array<[string, string]> = []
    for (const [k, v] of Object.entries(request.headers)) if (v !== undefined) headers.push([k, Array.isArray(v) ? v.join(', ') : v])
    const body = request.body instanceof Buffer ? request.body : undefined
    const { outcome, execution } = await service.invoke(fn, { method: request.method, url: ctx.apiUrl + request.url, headers, body, caller, requestId: request.id })
    void reply.header('X-Execution-Id', execution.id)
    switch (outcome.kind) {
      case 'response': {
        for (const [k, v] of Object.entries(outcome.headers)) if (!HOP_BY_HOP.has(k)) void reply.header(k, v)
        return reply.status(outcome.status).send(outcome.body)
      }
      case 'thrown':
        return reply.status(500).send({ error: outcome.message, ...(isPrivileged(caller) ? { stack: outcome.stack } : {}), request_id: request.id })
      case 'failed': {
        const logs = service.history.lines(execution.id).filter((l) => l.level !== 'info').map((l) => l.message).join('\n')
        if (outcome.reason === 'timeout') return reply.status(504).send({ error: outcome.message, logs, request_id: request.id })
        if (outcome.reason === 'load') return reply.status(500).send({ error: `Function failed to load: ${outcome.message.split('\n')[0]}`, details: outcome.message, location: fn.error?.location, request_id: request.id })
        return reply.status(500).send({ error: outcome.message, logs, request_id: request.id })
      }
    }
  }

  await app.register(async (scope) => {
    // The body reaches the function as the bytes that were sent: no JSON parse, no multipart parse.
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INVOKE_BODY_LIMIT }, (_req, body, done) => done(null, body))
    scope.setErrorHandler((error, request, reply) => {
      const e = error as { code?: string; statusCode?: number }
      if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.status(413).send({ error: `The request body is over the ${INVOKE_BODY_LIMIT / 1024 / 1024} MB limit for function calls`, code: 'PAYLOAD_TOO_LARGE', request_id: request.id })
      }
      throw error
    })
    scope.route({ method: [...METHODS], url: '/api/v1/functions/:name/invoke', handler: invoke })
    // The global CORS plugin stays out of this one route's preflight (route config), which the function answers.
    scope.route({
      method: 'OPTIONS',
      url: '/api/v1/functions/:name/invoke',
      config: { cors: false },
      handler: async (request, reply) => {
        const { name } = request.params as { name: string }
        const fn = invalidFunctionName(name) ? undefined : service.catalog.get(name)
        return reply.status(204).headers(preflightHeaders(fn, request)).send()
      },
    })
  })
}
