// http/app.ts — the Fastify app factory (no listen here: runtime.ts does that). Order of the edge: Host check →
// request id → CORS (API routes only) → route → error rendering → one log entry per request.
import Fastify, { type FastifyInstance } from 'fastify'
import cors from '@fastify/cors'
import crypto from 'node:crypto'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { hostAllowed } from './host-guard.js'
import { createErrorHandler, errorBody } from './error-handler.js'
import { logRequest } from './request-log.js'
import { rememberErrorBody } from './error-summary.js'
import { STUDIO_REQUEST_PREFIX } from '../logs/log-filter.js'
import { registerRouteModules } from './route-modules.js'
import { allowEmptyJsonBodies } from './empty-json-body.js'
import { answerClientError, MAX_HEADER_BYTES } from './client-errors.js'

const CORS_ALLOWED_HEADERS = [
  'Authorization', 'apikey', 'Prefer', 'Content-Type', 'X-CSRF-Token', 'X-Impersonation-Token', 'X-Request-ID', 'Range', 'x-client-info', 'x-upsert', 'Cache-Control',
  // The SDK's storage uploadStream sends its options as headers.
  'X-Storage-Content-Type', 'X-Storage-Cache-Control', 'X-Storage-Metadata', 'X-Storage-Upsert',
]
const CORS_EXPOSED_HEADERS = ['Content-Range', 'X-Request-ID', 'X-Affected-Count', 'ETag', 'Content-Length', 'Content-Disposition', 'Location', 'Accept-Ranges', 'Last-Modified', 'X-Execution-Id']

/**
 * Request ids: a random prefix per process and a counter. Unique across restarts, and ~20× cheaper than
 * crypto.randomBytes per request (which showed up at 4 % of the API's CPU under load).
 */
function requestIdGenerator(): () => string {
  const prefix = crypto.randomBytes(4).toString('hex')
  let n = crypto.randomBytes(4).readUInt32BE(0)
  return () => prefix + ((n = (n + 1) >>> 0).toString(16).padStart(8, '0'))
}

const API_CORS = {
  origin: true,
  credentials: true,
  allowedHeaders: CORS_ALLOWED_HEADERS,
  exposedHeaders: CORS_EXPOSED_HEADERS,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  maxAge: 600,
}

export async function buildHttpApp(ctx: ServerContext): Promise<FastifyInstance> {
  const newRequestId = requestIdGenerator()
  const app = Fastify({
    logger: false,
    // Browsers keep idle keep-alive connections (some never send a request); stop() must not wait for them.
    forceCloseConnections: true,
    bodyLimit: ctx.config.limits.maxBodyBytes,
    requestIdHeader: 'x-request-id',
    genReqId: newRequestId,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    clientErrorHandler: answerClientError,
  })

  app.addHook('onRequest', async (request, reply) => {
    if (!/^[\w.-]{1,64}$/.test(request.id)) request.id = newRequestId()
    // The studio's own requests carry a recognisable id, so its SQL lines (application_name holds the id) can be
    // hidden in the log viewer with the requests themselves.
    if (request.url.startsWith('/studio/') && !request.id.startsWith(STUDIO_REQUEST_PREFIX)) request.id = STUDIO_REQUEST_PREFIX + request.id
    void reply.header('X-Request-ID', request.id)
    if (!hostAllowed(request.headers.host)) {
      throw new ApiError(403, 'HOST_NOT_ALLOWED', `Host "${request.headers.host ?? ''}" is not allowed: use localhost, 127.0.0.1 or [::1]`)
    }
  })

  // The studio API is for the studio's own page only: no CORS there. Its routes opt out through route config (a
  // per-request delegator cost ~6 % of the API's CPU), and its preflights are refused before CORS answers them.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/studio')) route.config = { ...(route.config as object), cors: false } as typeof route.config
  })
  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' && request.url.startsWith('/studio')) {
      throw new ApiError(403, 'CORS_NOT_ALLOWED', 'The studio API does not answer cross-origin requests')
    }
  })
  await app.register(cors, API_CORS)

  allowEmptyJsonBodies(app)
  app.setErrorHandler(createErrorHandler(ctx.logs, ctx.config.limits.maxBodyBytes))
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ ...errorBody(new ApiError(404, 'NOT_FOUND', 'Not Found'), request.id), path: request.url.split('?')[0] })
  })
  app.addHook('onSend', async (request, reply, payload) => {
    rememberErrorBody(request, reply.statusCode, reply.getHeader('content-type'), payload)
    return payload
  })
  app.addHook('onResponse', async (request, reply) => logRequest(ctx.logs, request, reply))

  await registerRouteModules(app, ctx)
  return app
}
