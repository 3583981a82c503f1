// http/error-summary.ts — keeps what an app was told when its request failed: the code, message, hint and details of
// a 4xx/5xx JSON body, read once in onSend, so the request's log line (request-log.ts) shows the error the app
// received (e.g. PGRST205 "Perhaps you meant …", or why a 401 was refused), not only its status.
import type { FastifyRequest } from 'fastify'

export interface ErrorSummary {
  code?: string
  message?: string
  hint?: string
  details?: string
}

/** Bodies larger than this are not parsed for the log: error bodies are small; a large one is not ours. */
const MAX_BODY = 16 * 1024
const FIELD_MAX = 1000
const summaries = new WeakMap<FastifyRequest, ErrorSummary>()

function text(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v) return undefined
  return v.length > FIELD_MAX ? v.slice(0, FIELD_MAX) + '…' : v
}

/** onSend: for an error status with a JSON body, remember its words. Never changes the payload. */
export function rememberErrorBody(request: FastifyRequest, statusCode: number, contentType: unknown, payload: unknown): void {
  if (statusCode < 400) return
  if (typeof payload !== 'string' || payload.length > MAX_BODY) return
  if (typeof contentType !== 'string' || !contentType.includes('json')) return
  let body: unknown
  try {
    body = JSON.parse(payload)
  } catch {
    return
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return
  const b = body as Record<string, unknown>
  const summary: ErrorSummary = {
    code: text(b.code) ?? (typeof b.code === 'number' ? String(b.code) : undefined),
    message: text(b.message) ?? text(b.error) ?? text(b.msg) ?? text(b.error_description),
    hint: text(b.hint),
    details: text(b.details),
  }
  if (summary.code || summary.message) summaries.set(request, summary)
}

export function errorSummaryOf(request: FastifyRequest): ErrorSummary | undefined {
  return summaries.get(request)
}
