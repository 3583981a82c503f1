// functions/function-reads.ts — the reads of functions and their executions that both the admin API
// (admin-routes.ts, contract §3) and the studio's Functions view (studio/functions-routes.ts) answer: one
// function's JSON, a page of executions, an execution's log lines. Routes differ only in guard and path.
import { ApiError } from '../errors.js'
import { parseQueryInt } from '../auth/routes/body.js'
import type { FunctionsService } from './functions-service.js'
import type { Execution, ExecutionLogLine } from './execution-history.js'

const STATUSES = ['running', 'success', 'error']

export interface ExecutionsQuery {
  limit?: unknown
  offset?: unknown
  status?: unknown
  namespace?: unknown
  function_name?: unknown
}

/** Newest first; a status that is not one of the three is refused with the list. */
export function executionsPage(service: FunctionsService, q: ExecutionsQuery, defaults: { limit: number; maxLimit: number }): { executions: Execution[]; count: number; limit: number; offset: number } {
  // Over the maximum is clamped (as upstream does); not a positive integer is refused.
  const limit = Math.min(parseQueryInt(q.limit, 'limit', defaults.limit, 1, Number.MAX_SAFE_INTEGER), defaults.maxLimit)
  const offset = parseQueryInt(q.offset, 'offset', 0, 0, 1_000_000)
  const status = typeof q.status === 'string' && q.status ? q.status : undefined
  if (status && !STATUSES.includes(status)) throw new ApiError(400, 'VALIDATION_ERROR', `status must be one of ${STATUSES.join(', ')} (got "${status.slice(0, 40)}")`)
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
  const all = service.history.list({ functionName: text(q.function_name), namespace: text(q.namespace), status })
  return { executions: all.slice(offset, offset + limit), count: all.length, limit, offset }
}

/** An execution's lines after `after_line` (-1: all), or 404 naming the id. */
export function executionLines(service: FunctionsService, id: string, afterLine: unknown): { execution: Execution; entries: ExecutionLogLine[] } {
  const execution = service.history.get(id)
  if (!execution) throw new ApiError(404, 'NOT_FOUND', `execution ${id.slice(0, 64)} not found (the history keeps the newest ${service.history.capacity})`)
  const after = parseQueryInt(afterLine, 'after_line', -1, -1, 1_000_000)
  return { execution, entries: service.history.lines(id, after) }
}
