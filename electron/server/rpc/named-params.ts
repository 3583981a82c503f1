// rpc/named-params.ts — a procedure's `$name` placeholders → `$1…$n` bound parameters (never inlined literals, as
// upstream does). A small lexer skips string literals, quoted identifiers, comments and dollar-quoted bodies, so a
// `$x` inside them is left alone. Each value gets the type its literal would have had (5 → int4, true → boolean,
// {…} → jsonb); strings stay untyped so PostgreSQL infers them from context, as it does for quoted literals.
import { ApiError } from '../errors.js'
import { tokenize } from './sql-tokens.js'

export interface BoundSql {
  text: string
  values: unknown[]
  /** Names referenced by the SQL, in first-use order. */
  names: string[]
}

export function findNamedParams(sql: string): { names: string[]; spans: Array<{ start: number; end: number; name: string }> } {
  const spans = tokenize(sql).filter((t) => t.kind === 'param').map((t) => ({ start: t.start, end: t.end, name: t.value }))
  const names: string[] = []
  for (const s of spans) if (!names.includes(s.name)) names.push(s.name)
  return { names, spans }
}

/** The SQL type a JSON value's literal would have had, or '' to let PostgreSQL infer it. */
export function literalType(value: unknown, hasVector: boolean): string {
  if (value === null || value === undefined || typeof value === 'string') return ''
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'numeric'
    return Math.abs(value) <= 2147483647 ? 'int4' : 'int8'
  }
  if (Array.isArray(value)) {
    if (hasVector && value.length > 0 && value.every((v) => typeof v === 'number')) return 'vector'
    return ''
  }
  return 'jsonb'
}

function wireValue(value: unknown, type: string): unknown {
  if (value === undefined) return null
  if (type === 'jsonb') return JSON.stringify(value)
  if (type === 'vector') return `[${(value as number[]).join(',')}]`
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))
  return value
}

/**
 * `opts.textCasts`: occurrences (1-based `$n`) to cast to text — what PostgreSQL does with a quoted literal in a
 * context that gives it no type (`$x IS NULL`), but refuses to guess for a parameter (42P08). run-procedure.ts
 * learns them from that error, once per statement shape. NULL values are written as the NULL keyword, as upstream.
 */
export function bindNamedParams(sql: string, params: Record<string, unknown>, opts: { hasVector?: boolean; textCasts?: ReadonlySet<number> } = {}): BoundSql {
  const { names, spans } = findNamedParams(sql)
  const missing = names.filter((n) => !(n in params))
  if (missing.length) throw new ApiError(400, 'MISSING_PARAMETERS', `missing required parameters: ${missing.join(', ')}`)
  // Each occurrence is its own parameter, as each inlined literal would be its own constant.
  const values: unknown[] = []
  let text = ''
  let last = 0
  for (const s of spans) {
    const value = params[s.name]
    text += sql.slice(last, s.start)
    last = s.end
    if (value === null || value === undefined) {
      text += 'NULL'
      continue
    }
    const type = literalType(value, opts.hasVector ?? false)
    values.push(wireValue(value, type))
    const k = values.length
    text += type ? `$${k}::${type}` : opts.textCasts?.has(k) ? `$${k}::text` : `$${k}`
  }
  text += sql.slice(last)
  return { text, values, names }
}
