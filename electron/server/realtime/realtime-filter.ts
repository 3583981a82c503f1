// realtime/realtime-filter.ts — a subscription's `col=op.value` filter (eq|neq|gt|gte|lt|lte|like|ilike|is|in),
// parsed once at subscribe time and evaluated in memory against each change's row. Pure. SQL semantics where they
// matter: comparisons with NULL never match, `like` takes `%`/`_` (and `*` as the SDK's wildcard), matched in linear
// time by like-matcher.ts (a filter is evaluated against every change, on the main thread).
import { LikePatternError, likeMatcher, type LikeMatcher } from './like-matcher.js'
export type FilterOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'ilike' | 'is' | 'in'
const OPS: FilterOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'is', 'in']

export interface RowFilter {
  column: string
  op: FilterOp
  /** The raw value text, as written. */
  value: string
  test(row: Record<string, unknown> | null | undefined): boolean
}

export class FilterError extends Error {}

function parseList(text: string): string[] {
  const inner = text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]
    if (ch === '"') quoted = !quoted
    else if (ch === '\\' && quoted) cur += inner[++i] ?? ''
    else if (ch === ',' && !quoted) {
      out.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  if (cur.trim() !== '' || out.length) out.push(cur.trim())
  return out
}

const ISO_DATE = /^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+-]\d\d(:?\d\d)?)?$/

/** Orders a row value against filter text: numbers as numbers, timestamps as instants, anything else as text. */
function compare(actual: unknown, text: string): number {
  if (typeof actual === 'number' || typeof actual === 'bigint') {
    const n = Number(text)
    if (!Number.isNaN(n)) return Number(actual) - n
  }
  if (typeof actual === 'boolean') return Number(actual) - Number(text === 'true' || text === 't')
  const a = typeof actual === 'string' ? actual : JSON.stringify(actual)
  if (typeof actual === 'string' && ISO_DATE.test(a) && ISO_DATE.test(text)) {
    const x = Date.parse(a.replace(' ', 'T'))
    const y = Date.parse(text.replace(' ', 'T'))
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y
  }
  // Integers beyond 2^53 arrive as strings (pg-text-values.ts): compare them exactly.
  if (typeof actual === 'string' && /^-?\d+$/.test(a) && /^-?\d+$/.test(text)) {
    const d = BigInt(a) - BigInt(text)
    return d > 0n ? 1 : d < 0n ? -1 : 0
  }
  if (typeof actual === 'string' && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(text)) return Number(a) - Number(text)
  return a < text ? -1 : a > text ? 1 : 0
}

export function parseRealtimeFilter(filter: string): RowFilter {
  const eq = filter.indexOf('=')
  if (eq <= 0) throw new FilterError(`invalid filter "${filter}": expected column=operator.value`)
  const column = filter.slice(0, eq).trim()
  const rest = filter.slice(eq + 1)
  const dot = rest.indexOf('.')
  const op = (dot < 0 ? rest : rest.slice(0, dot)) as FilterOp
  if (!OPS.includes(op)) throw new FilterError(`unknown operator "${op}" in filter on "${column}": use one of ${OPS.join(', ')}`)
  if (dot < 0) throw new FilterError(`filter on "${column}" has no value: expected ${column}=${op}.value`)
  const value = rest.slice(dot + 1)
  let test: (v: unknown) => boolean
  switch (op) {
    case 'eq':
      test = (v) => v !== null && v !== undefined && compare(v, value) === 0
      break
    case 'neq':
      test = (v) => v !== null && v !== undefined && compare(v, value) !== 0
      break
    case 'gt':
      test = (v) => v !== null && v !== undefined && compare(v, value) > 0
      break
    case 'gte':
      test = (v) => v !== null && v !== undefined && compare(v, value) >= 0
      break
    case 'lt':
      test = (v) => v !== null && v !== undefined && compare(v, value) < 0
      break
    case 'lte':
      test = (v) => v !== null && v !== undefined && compare(v, value) <= 0
      break
    case 'like':
    case 'ilike': {
      let matcher: LikeMatcher
      try {
        matcher = likeMatcher(value, op === 'ilike')
      } catch (err) {
        if (err instanceof LikePatternError) throw new FilterError(`invalid ${op} filter on "${column}": ${err.message}`)
        throw err
      }
      test = (v) => v !== null && v !== undefined && matcher.test(typeof v === 'string' ? v : JSON.stringify(v))
      break
    }
    case 'is': {
      const want = value.toLowerCase()
      if (want === 'null' || want === 'unknown') test = (v) => v === null || v === undefined
      else if (want === 'true') test = (v) => v === true
      else if (want === 'false') test = (v) => v === false
      else if (want === 'not_null' || want === 'notnull') test = (v) => v !== null && v !== undefined
      else throw new FilterError(`invalid value "${value}" for is on "${column}": use null, true, false or unknown`)
      break
    }
    case 'in': {
      if (!value.startsWith('(') || !value.endsWith(')')) throw new FilterError(`invalid list for in on "${column}": expected in.(a,b,c)`)
      const items = parseList(value)
      test = (v) => v !== null && v !== undefined && items.some((item) => compare(v, item) === 0)
      break
    }
  }
  return { column, op, value, test: (row) => !!row && test(row[column]) }
}
