// storage/json-body.ts — the small JSON bodies of storage calls (sign, copy, move, buckets). Storage routes take the
// body as a raw stream (uploads must never be buffered), so the few JSON ones are read here, capped at 1 MiB.
import type { FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'

const MAX_JSON_BYTES = 1024 * 1024

export async function readJsonBody(request: FastifyRequest): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_JSON_BYTES) {
      request.raw.resume()
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'the JSON body is larger than 1 MiB')
    }
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new ApiError(400, 'INVALID_JSON', `the request body is not valid JSON: ${(err as Error).message}`)
  }
}
