// rest/request/parse-filter.ts — filter values (`not.eq.5`, `in.(1,2)`, `fts(english).cat`) and logic trees
// (`or=(a.eq.1,and(b.gt.2,not.c.is.null))`, recursive) → Condition. Values stay raw strings for the planner.
import { ApiError } from '../../errors.js'
import type { Condition, FilterCondition, FilterOp, LogicCondition } from './request-types.js'
import { parseColumnPath, pathToString } from './parse-column-path.js'
import { splitTopLevel, unquote } from './split-top-level.js'

export const FILTER_OPS: ReadonlySet<FilterOp> = new Set<FilterOp>([
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'is', 'isdistinct', 'in',
  'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj', 'fts', 'plfts', 'phfts', 'wfts',
  'st_intersects', 'st_contains', 'st_within', 'st_touches', 'st_crosses', 'st_overlaps', 'st_dwithin', 'st_distance',
  'vec_l2', 'vec_cos', 'vec_ip',
])
const QUANTIFIABLE = new Set<FilterOp>(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch'])
const TEXT_SEARCH = new Set<FilterOp>(['fts', 'plfts', 'phfts', 'wfts'])
const MAX_LOGIC_DEPTH = 32

/** `[not.]op[(mod)].value` for the column already parsed → FilterCondition. */
export function parseOpValue(columnText: string, opValue: string, embedded = false): FilterCondition {
  const path = parseColumnPath(columnText)
  let rest = opValue
  let negate = false
  while (rest.startsWith('not.')) {
    negate = !negate
    rest = rest.slice(4)
  }
  const dot = rest.indexOf('.')
  const opText = dot < 0 ? rest : rest.slice(0, dot)
  const m = /^([a-z_0-9]+)(?:\(([^)]*)\))?$/.exec(opText)
  const where = `filter on "${pathToString(path)}"`
  if (!m || !FILTER_OPS.has(m[1] as FilterOp)) {
    throw new ApiError(400, 'PGRST100', `unknown operator "${opText.slice(0, 40)}" in ${where}`, undefined,
      'operators: eq, neq, gt, gte, lt, lte, like, ilike, match, imatch, is, isdistinct, in, cs, cd, ov, sl, sr, nxr, nxl, adj, fts, plfts, phfts, wfts; prefix with not. to negate')
  }
  if (dot < 0) throw new ApiError(400, 'PGRST100', `missing value after "${opText}" in ${where}`)
  const op = m[1] as FilterOp
  const cond: FilterCondition = { kind: 'filter', path, negate, op, value: rest.slice(dot + 1) }
  if (m[2] !== undefined) {
    if (m[2] === 'any' || m[2] === 'all') {
      if (!QUANTIFIABLE.has(op)) throw new ApiError(400, 'PGRST100', `"${op}(${m[2]})" is not supported in ${where}`)
      cond.quantifier = m[2]
    } else if (TEXT_SEARCH.has(op) && /^[A-Za-z_][\w]*$/.test(m[2])) {
      cond.language = m[2]
    } else {
      throw new ApiError(400, 'PGRST100', `unknown modifier "(${m[2]})" on "${op}" in ${where}`)
    }
  }
  if (embedded) cond.value = unquote(cond.value)
  return cond
}

/** One item inside `or=(…)`: `col.op.val`, `not.col.op.val`, `[not.]and(…)` or `[not.]or(…)`. */
function parseLogicItem(item: string, depth: number): Condition {
  let text = item.trim()
  // Each leading `not.` is a level of the tree: stripped in a loop (one call per `not.` overflowed the stack on a
  // 20,000-long chain) and counted toward the depth limit.
  let nots = 0
  while (text.startsWith('not.') && !/^not\.(and|or)\(/.test(text)) {
    nots++
    if (depth + nots > MAX_LOGIC_DEPTH) throw new ApiError(400, 'PGRST100', `logic tree nested deeper than ${MAX_LOGIC_DEPTH} levels (each "not." counts as one)`)
    text = text.slice(4).trim()
  }
  if (nots === 0) return parseLogicLeaf(text, depth)
  const inner = parseLogicLeaf(text, depth + nots)
  return nots % 2 ? { ...inner, negate: !inner.negate } : inner
}

/** An item without leading `not.`s: a nested `[not.]and(…)`/`[not.]or(…)` or `col.op.val`. */
function parseLogicLeaf(text: string, depth: number): Condition {
  const logic = /^(not\.)?(and|or)\((.*)\)$/s.exec(text)
  if (logic) return parseLogicBody(logic[2] as 'and' | 'or', Boolean(logic[1]), `(${logic[3]})`, depth + 1)
  // Column part: up to the first dot outside double quotes.
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted
    if (!quoted && text[i] === '.') {
      return parseOpValue(text.slice(0, i).trim(), text.slice(i + 1).trim(), true)
    }
  }
  throw new ApiError(400, 'PGRST100', `"${text.slice(0, 80)}" is not a filter (expected column.operator.value) in a logic tree`)
}

export function parseLogicBody(op: 'and' | 'or', negate: boolean, body: string, depth = 0): LogicCondition {
  if (depth > MAX_LOGIC_DEPTH) throw new ApiError(400, 'PGRST100', `logic tree nested deeper than ${MAX_LOGIC_DEPTH} levels`)
  const text = body.trim()
  if (!text.startsWith('(') || !text.endsWith(')')) {
    throw new ApiError(400, 'PGRST100', `"${op}" needs a parenthesised list, e.g. ${op}=(a.eq.1,b.eq.2); got "${text.slice(0, 80)}"`)
  }
  const inside = text.slice(1, -1)
  if (inside.trim() === '') throw new ApiError(400, 'PGRST100', `empty "${op}" list`)
  const children = splitTopLevel(inside, ',', `${op} list`).map((item) => parseLogicItem(item, depth))
  return { kind: 'logic', op, negate, children }
}
