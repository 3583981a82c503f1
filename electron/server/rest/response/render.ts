// rest/response/render.ts — outcome → HTTP response: status, headers and body for reads (array, or one object for
// `Accept: application/vnd.pgrst.object+json`) and for each write shape of the contract (§1.6).
import crypto from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { ApiError } from '../../errors.js'
import type { Prefer } from '../request/request-types.js'
import type { ReadOutcome } from '../execute/execute-read.js'
import type { WriteOutcome } from '../execute/execute-write.js'
import { readContentRange, writeContentRange } from './content-range.js'

const JSON_TYPE = 'application/json; charset=utf-8'

export function wantsObject(accept: string | undefined): boolean {
  return Boolean(accept && accept.includes('application/vnd.pgrst.object+json'))
}

/** `[x]` → `x`, for the one-row body PostgreSQL built as an array. */
export function singleFromArray(body: string, n: number): string {
  if (n === 0) return 'null'
  const t = body.trim()
  return t.slice(1, -1).trim()
}

function singleOrFail(body: string, n: number): string {
  if (n !== 1) {
    throw new ApiError(406, 'PGRST116', 'JSON object requested, multiple (or no) rows returned', `The result contains ${n} rows`)
  }
  return singleFromArray(body, n)
}

export function renderRead(reply: FastifyReply, outcome: ReadOutcome, offset: number, opts: { accept?: string; head: boolean }): FastifyReply {
  const body = wantsObject(opts.accept) ? singleOrFail(outcome.body, outcome.n) : outcome.body
  // crypto.hash: one call, no Hash object per response (a visible share of a read's CPU under load).
  const etag = `W/"${crypto.hash('sha1', body, 'base64url').slice(0, 27)}"`
  void reply
    .status(200)
    .header('content-type', JSON_TYPE)
    .header('content-range', readContentRange(offset, outcome.n, outcome.total))
    .header('etag', etag)
  return opts.head ? reply.send() : reply.send(body)
}

export interface WriteRenderOptions {
  method: 'POST' | 'PATCH' | 'DELETE'
  prefer: Prefer
  /** The insert body was a single object (Fluxbase answers with a single object). */
  singleObject: boolean
  accept?: string
}

export function renderWrite(reply: FastifyReply, outcome: WriteOutcome, o: WriteRenderOptions): FastifyReply {
  const status = o.method === 'POST' ? 201 : 200
  void reply.header('content-range', writeContentRange(outcome.affected)).header('x-affected-count', String(outcome.affected))
  if (o.prefer.return === 'minimal') return reply.status(o.method === 'POST' ? 201 : 204).send()
  if (o.prefer.return === 'headers-only') {
    return reply.status(status).header('content-type', JSON_TYPE).send(`{"affected":${outcome.affected}}`)
  }
  const rows = outcome.body ?? '[]'
  let body: string
  if (wantsObject(o.accept)) body = singleOrFail(rows, outcome.affected)
  else if (o.prefer.return === 'representation') body = rows // PostgREST's shape: always an array
  else if (o.method === 'POST') body = o.singleObject ? singleFromArray(rows, outcome.affected) : rows
  else if (o.method === 'DELETE') body = `{"affected":${outcome.affected},"records":${rows}}`
  else body = rows
  return reply.status(status).header('content-type', JSON_TYPE).send(body)
}
