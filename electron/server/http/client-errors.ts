// http/client-errors.ts — what Node's HTTP parser refuses before Fastify sees a request (a request line or headers
// past the size limit, malformed HTTP), answered in the contract's error shape with words naming the limit, instead
// of Fastify's generic "Exceeded maximum allowed HTTP header size". Wired into the app factory (http/app.ts).
import http from 'node:http'
import type { Socket } from 'node:net'
import { ApiError } from '../errors.js'
import { errorBody } from './error-handler.js'
import { humanBytes } from '../storage/upload-handler.js'

/**
 * The request line and headers together. Node's default (16 KiB) refused a 20,000-deep `not.` filter in a GET with
 * a bare 431 before the filter parser could name its depth limit; the SDK itself switches to POST …/query past 4096
 * characters, so this only has to be roomy enough for hand-written URLs to reach the parser's own limits.
 */
export const MAX_HEADER_BYTES = 128 * 1024

function refusal(err: NodeJS.ErrnoException): ApiError {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return new ApiError(431, 'REQUEST_HEADER_TOO_LARGE', `the URL and headers of the request are larger than the server accepts: at most ${humanBytes(MAX_HEADER_BYTES)} (${MAX_HEADER_BYTES} bytes) together`,
      undefined, 'send long filters in the body of POST /api/v1/tables/{table}/query, and keep headers short')
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ApiError(408, 'REQUEST_TIMEOUT', 'the request was not received in time')
  return new ApiError(400, 'BAD_HTTP_REQUEST', `the request is not valid HTTP (${err.code ?? 'parse error'})`)
}

export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const apiErr = refusal(err)
  const body = JSON.stringify(errorBody(apiErr))
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${apiErr.status} ${http.STATUS_CODES[apiErr.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy(err)
}
