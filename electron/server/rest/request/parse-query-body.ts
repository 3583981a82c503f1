// rest/request/parse-query-body.ts — the SDK's long-query fallback body (`POST …/query`, contract §1.7) → the same
// ReadRequest a GET would produce. Validated with zod; values are formatted the way the SDK formats URL values.
import { z } from 'zod'
import { ApiError } from '../../errors.js'
import type { ReadRequest } from './request-types.js'
import { emptyReadRequest, parseNonNegativeInt } from './parse-query-string.js'
import { parseSelect } from './parse-select.js'
import { parseLogicBody, parseOpValue } from './parse-filter.js'
import { parseOrder } from './parse-order.js'
import { parseColumnPath } from './parse-column-path.js'
import { splitTopLevel } from './split-top-level.js'

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])
const value = z.union([scalar, z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional()

const QueryBody = z.object({
  select: z.string().optional(),
  filters: z.array(z.object({ column: z.string(), operator: z.string(), value })).optional(),
  orFilters: z.array(z.string()).optional(),
  andFilters: z.array(z.string()).optional(),
  betweenFilters: z.array(z.object({ column: z.string(), min: scalar, max: scalar, negated: z.boolean().optional() })).optional(),
  order: z
    .array(
      z.object({
        column: z.string(),
        direction: z.string().optional(),
        nulls: z.string().optional(),
        vectorOp: z.string().optional(),
        vectorValue: z.array(z.number()).optional(),
      }),
    )
    .optional(),
  limit: z.union([z.number(), z.string()]).optional(),
  offset: z.union([z.number(), z.string()]).optional(),
  count: z.string().optional(),
  groupBy: z.union([z.array(z.string()), z.string()]).optional(),
})

/** As the SDK formats filter values for the URL (contract §1.2). */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `(${v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(',')})`
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

export function parseQueryBody(body: unknown): ReadRequest {
  const parsed = QueryBody.safeParse(body ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ApiError(400, 'PGRST100', `invalid query body at "${issue.path.join('.') || '(root)'}": ${issue.message}`)
  }
  const q = parsed.data
  const request = emptyReadRequest()
  const top = request.levels.get('')!
  if (q.select !== undefined) request.select = parseSelect(q.select)
  for (const f of q.filters ?? []) top.conditions.push(parseOpValue(f.column, `${f.operator}.${formatValue(f.value)}`))
  for (const text of q.orFilters ?? []) top.conditions.push(parseLogicBody('or', false, `(${text})`))
  for (const text of q.andFilters ?? []) top.conditions.push(parseLogicBody('and', false, `(${text})`))
  for (const b of q.betweenFilters ?? []) {
    const lo = formatValue(b.min)
    const hi = formatValue(b.max)
    if (b.negated) top.conditions.push(parseLogicBody('or', false, `(${b.column}.lt.${lo},${b.column}.gt.${hi})`))
    else top.conditions.push(parseOpValue(b.column, `gte.${lo}`), parseOpValue(b.column, `lte.${hi}`))
  }
  for (const o of q.order ?? []) {
    const parts = [o.column]
    if (o.vectorOp) parts.push(o.vectorOp, `[${(o.vectorValue ?? []).join(',')}]`)
    parts.push(o.direction === 'desc' ? 'desc' : 'asc')
    if (o.nulls === 'first' || o.nulls === 'nullsfirst') parts.push('nullsfirst')
    else if (o.nulls === 'last' || o.nulls === 'nullslast') parts.push('nullslast')
    top.order.push(...parseOrder(parts.join('.')))
  }
  if (q.limit !== undefined) top.limit = parseNonNegativeInt(String(q.limit), 'limit')
  if (q.offset !== undefined) top.offset = parseNonNegativeInt(String(q.offset), 'offset')
  if (q.count !== undefined && q.count !== 'none') {
    if (!['exact', 'planned', 'estimated'].includes(q.count)) throw new ApiError(400, 'PGRST100', `"${q.count}" is not a valid count`)
    request.count = q.count as ReadRequest['count']
  }
  if (q.groupBy !== undefined) {
    const cols = Array.isArray(q.groupBy) ? q.groupBy : splitTopLevel(q.groupBy, ',', 'groupBy')
    request.groupBy = cols.filter((c) => c.trim()).map(parseColumnPath)
  }
  return request
}
