// rest/plan/plan-filter.ts — Condition (raw) → PlannedCondition (checked): the column must exist, the operator must
// make sense for the value, and values are shaped for binding (lists for in/any, arrays or JSON for cs/cd/ov).
import { ApiError } from '../../errors.js'
import type { Condition, FilterCondition } from '../request/request-types.js'
import { pathToString } from '../request/parse-column-path.js'
import { clip, splitTopLevel, unquote } from '../request/split-top-level.js'
import type { Relation } from '../schema/schema-types.js'
import type { ColumnRef, PlannedCondition, PlannedFilter, PlannedValue } from './plan-types.js'
import { resolvePath } from './resolve-names.js'

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/
const IS_VALUES = new Set(['null', 'not_null', 'true', 'false', 'unknown'])
const RANGE_OPS = new Set(['gt', 'gte', 'lt', 'lte'])

/** `(a,b)`, `{a,b}` or `["a","b"]` → items; unquoted `null` is SQL NULL. */
export function parseList(raw: string, where: string): Array<string | null> {
  const text = raw.trim()
  if (text.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new ApiError(400, 'PGRST100', `"${clip(text, 60)}" is not a valid JSON list in ${where}`)
    }
    if (!Array.isArray(parsed)) throw new ApiError(400, 'PGRST100', `expected a list in ${where}`)
    return parsed.map((v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v)))
  }
  if ((text.startsWith('(') && text.endsWith(')')) || (text.startsWith('{') && text.endsWith('}'))) {
    const inside = text.slice(1, -1)
    if (inside.trim() === '') return []
    return splitTopLevel(inside, ',', where).map((item) => {
      const t = item.trim()
      if (t === 'null') return null
      return unquote(t)
    })
  }
  throw new ApiError(400, 'PGRST100', `"${clip(text, 60)}" is not a list in ${where}: use (a,b) or {a,b}`)
}

function lhsKind(ref: ColumnRef): 'json' | 'text' | 'array' | 'range' | 'other' {
  const last = ref.json[ref.json.length - 1]
  if (last) return last.arrow === '->>' ? 'text' : 'json'
  const c = ref.column
  if (c.typeName === 'jsonb' || c.typeName === 'json') return 'json'
  if (c.category === 'A') return 'array'
  if (c.category === 'R') return 'range'
  return 'other'
}

/** cs/cd/ov: the SDK sends `(a,b)` for arrays; make it what the column type expects (contract §1.3). */
function containmentValue(ref: ColumnRef, raw: string, where: string): PlannedValue {
  const kind = lhsKind(ref)
  const text = raw.trim()
  if (kind === 'array') {
    if (text.startsWith('{')) return { kind: 'text', value: text }
    return { kind: 'list', values: parseList(text, where) }
  }
  if (kind === 'json' && text.startsWith('(')) {
    const items = parseList(text, where).map((v) => {
      if (v === null) return null
      if (NUMBER.test(v) || v === 'true' || v === 'false') return JSON.parse(v) as unknown
      return v
    })
    return { kind: 'text', value: JSON.stringify(items) }
  }
  return { kind: 'text', value: raw }
}

export function planFilter(rel: Relation, cond: FilterCondition): PlannedFilter | undefined {
  const where = `filter on "${pathToString(cond.path)}"`
  const ref = resolvePath(rel, cond.path, 'filter')
  const base = { kind: 'filter' as const, ref, op: cond.op, negate: cond.negate, quantifier: cond.quantifier, language: cond.language }
  switch (cond.op) {
    case 'vec_l2':
    case 'vec_cos':
    case 'vec_ip':
      // A distance is not a condition: upstream treats these as ordering hints (see order=…vec_cos…).
      return undefined
    case 'is': {
      const v = cond.value.toLowerCase()
      if (!IS_VALUES.has(v)) throw new ApiError(400, 'PGRST100', `"is" takes null, not_null, true, false or unknown, not "${clip(cond.value, 40)}" in ${where}`)
      return { ...base, value: { kind: 'text', value: v } }
    }
    case 'in':
      return { ...base, value: { kind: 'list', values: parseList(cond.value, where) } }
    case 'cs':
    case 'cd':
    case 'ov':
      return { ...base, value: containmentValue(ref, cond.value, where) }
    case 'like':
    case 'ilike':
      if (cond.quantifier) return { ...base, value: { kind: 'list', values: parseList(cond.value, where).map((v) => v?.replace(/\*/g, '%') ?? null) } }
      return { ...base, value: { kind: 'text', value: cond.value.replace(/\*/g, '%') } }
    case 'st_dwithin':
    case 'st_distance': {
      const comma = cond.value.indexOf(',')
      const distance = comma < 0 ? '' : cond.value.slice(0, comma).trim()
      if (!NUMBER.test(distance)) throw new ApiError(400, 'PGRST100', `${cond.op} takes "distance,{geojson}" in ${where}`)
      return { ...base, value: { kind: 'text', value: cond.value.slice(comma + 1) }, distance }
    }
    default: {
      if (cond.quantifier) return { ...base, value: { kind: 'list', values: parseList(cond.value, where) } }
      const last = ref.json[ref.json.length - 1]
      const numeric = Boolean(last && last.arrow === '->>' && RANGE_OPS.has(cond.op) && NUMBER.test(cond.value.trim()))
      return { ...base, value: { kind: 'text', value: cond.value }, numeric: numeric || undefined }
    }
  }
}

export function planConditions(rel: Relation, conds: Condition[]): PlannedCondition[] {
  const out: PlannedCondition[] = []
  for (const cond of conds) {
    if (cond.kind === 'filter') {
      const f = planFilter(rel, cond)
      if (f) out.push(f)
    } else {
      const children = planConditions(rel, cond.children)
      if (children.length) out.push({ kind: 'logic', op: cond.op, negate: cond.negate, children })
    }
  }
  return out
}
