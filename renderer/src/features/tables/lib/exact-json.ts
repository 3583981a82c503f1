// features/tables/lib/exact-json.ts — reads a REST body of rows without losing digits: a top-level number whose JSON
// text JS cannot reproduce (bigint ids past 2^53, numeric such as 1.50 or 0.1000000000000000055) stays that text,
// so it shows as PostgreSQL sent it and is written back unchanged. Numbers inside jsonb values stay numbers.
import type { Row } from './value-types'

const EXACT = Symbol('exact-number')
interface Marker {
  [EXACT]: string
}

function isMarker(value: unknown): value is Marker {
  return typeof value === 'object' && value !== null && EXACT in value
}

function unmarkDeep(value: unknown): unknown {
  if (isMarker(value)) return Number(value[EXACT])
  if (Array.isArray(value)) return value.map(unmarkDeep)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = unmarkDeep(v)
    return out
  }
  return value
}

/** JSON.parse with the source-text reviver (Chromium ≥ 114; elsewhere numbers simply stay numbers). */
export function parseExact(text: string): unknown {
  let marked = false
  const reviver = (_key: string, value: unknown, context?: { source?: string }): unknown => {
    if (typeof value === 'number' && context?.source !== undefined && String(value) !== context.source) {
      marked = true
      return { [EXACT]: context.source } satisfies Marker
    }
    return value
  }
  const parsed = JSON.parse(text, reviver as (key: string, value: unknown) => unknown) as unknown
  if (!marked) return parsed
  return fixTopLevel(parsed)
}

function fixRow(row: unknown): unknown {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return unmarkDeep(row)
  const out: Row = {}
  for (const [k, v] of Object.entries(row)) out[k] = isMarker(v) ? v[EXACT] : unmarkDeep(v)
  return out
}

/** Rows (an array or one object) keep exact text for their own fields; anything else is unmarked. */
function fixTopLevel(parsed: unknown): unknown {
  if (Array.isArray(parsed)) return parsed.map(fixRow)
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { records?: unknown }).records)) {
    const env = parsed as { records: unknown[] }
    return { ...(unmarkDeep({ ...env, records: [] }) as object), records: env.records.map(fixRow) }
  }
  return fixRow(parsed)
}
