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

/** Markers back to numbers, in place (the parsed body is ours): a block of rows is not copied a second time. */
function unmarkDeep(value: unknown): unknown {
  if (isMarker(value)) return Number(value[EXACT])
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unmarkDeep(value[i])
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>
    // An own "__proto__" key (JSON.parse makes it a plain data property) is written as one, not as the prototype.
    for (const k in object) {
      const v = object[k]
      const u = unmarkDeep(v)
      if (u !== v) object[k] = u
    }
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
  const object = row as Row
  for (const k in object) {
    const v = object[k]
    const u = isMarker(v) ? v[EXACT] : unmarkDeep(v)
    if (u !== v) object[k] = u
  }
  return object
}

/** Rows (an array or one object) keep exact text for their own fields; anything else is unmarked. */
function fixTopLevel(parsed: unknown): unknown {
  if (Array.isArray(parsed)) {
    for (let i = 0; i < parsed.length; i++) parsed[i] = fixRow(parsed[i])
    return parsed
  }
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { records?: unknown }).records)) {
    const env = parsed as { records: unknown[] }
    for (const k in env) if (k !== 'records') (env as unknown as Record<string, unknown>)[k] = unmarkDeep((env as unknown as Record<string, unknown>)[k])
    fixTopLevel(env.records)
    return env
  }
  return fixRow(parsed)
}
