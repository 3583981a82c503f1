// http/error-handler.ts — the HTTP edge: every error becomes the contract's JSON body `{error, code, message,
// hint, details, request_id}`. Client mistakes keep their 4xx; anything else is a 500 whose cause is logged only.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'
import type { LogBus } from '../logs/log-bus.js'

export interface ErrorBody {
  error: string
  code?: string
  message?: string
  hint?: string
  details?: string
  request_id?: string
}

export function errorBody(err: ApiError, requestId?: string): ErrorBody {
  const body: ErrorBody = { error: err.message, code: err.code, message: err.message }
  if (err.hint) body.hint = err.hint
  if (err.details) body.details = err.details
  if (requestId) body.request_id = requestId
  return body
}

/** Fastify's own 4xx (bad JSON, body too large, unsupported media type) in words a client can act on. */
function fromFastify(err: FastifyError, maxBodyBytes?: number): ApiError | undefined {
  const status = err.statusCode ?? 500
  if (status < 400 || status >= 500) return undefined
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return new ApiError(400, 'INVALID_JSON', `the request body is not valid JSON: ${err.message}`)
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = maxBodyBytes === undefined ? '' : `: the server accepts at most ${maxBodyBytes} bytes (--max-body-bytes)`
    return new ApiError(413, 'PAYLOAD_TOO_LARGE', `the request body is too large${limit}`, undefined, 'send the rows in several requests, or raise --max-body-bytes')
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `unsupported Content-Type: ${err.message}`)
  return new ApiError(status, err.code ?? 'BAD_REQUEST', err.message)
}

export function createErrorHandler(logs: LogBus, maxBodyBytes?: number) {
  return function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    const err = error instanceof ApiError ? error : fromFastify(error as FastifyError, maxBodyBytes)
    if (err) {
      void reply.status(err.status).send(errorBody(err, request.id))
      return
    }
    const e = error as Error
    logs.log({
      category: 'system',
      level: 'error',
      component: 'http',
      request_id: request.id,
      message: `unhandled error on ${request.method} ${request.url.split('?')[0]}: ${e?.message ?? String(error)}`,
      fields: { stack: e?.stack },
    })
    void reply.status(500).send(errorBody(new ApiError(500, 'INTERNAL_ERROR', 'Internal server error'), request.id))
  }
}
