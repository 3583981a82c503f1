// rest/request/parse-select.ts — the `select=` grammar → SelectItem[]: columns, `alias:col`, `col::cast`, JSON paths,
// aggregates (`count(*)`, `sum(c)`, `c.sum()`), embeds `alias:rel!hint!inner(...)` and spreads `...rel(...)`.
import { ApiError } from '../../errors.js'
import type { AggregateFn, SelectItem } from './request-types.js'
import { parseColumnPath, parseName } from './parse-column-path.js'
import { splitTopLevel } from './split-top-level.js'

const AGGREGATES = new Set<AggregateFn>(['count', 'sum', 'avg', 'min', 'max'])
const MAX_DEPTH = 16
const CAST = /^[A-Za-z_][A-Za-z0-9_ ]*(\[\])?$/

/** Splits `alias:rest` at the first single colon (not `::`) outside quotes and parentheses. */
function splitAlias(item: string): { alias?: string; rest: string } {
  let quoted = false
  for (let i = 0; i < item.length; i++) {
    const ch = item[i]
    if (ch === '"') quoted = !quoted
    if (quoted) continue
    if (ch === '(') break
    if (ch === ':') {
      if (item[i + 1] === ':') return { rest: item }
      return { alias: parseName(item.slice(0, i), 'alias'), rest: item.slice(i + 1) }
    }
  }
  return { rest: item }
}

/** Splits a trailing `::type` cast (outside quotes). */
function splitCast(item: string): { cast?: string; rest: string } {
  let quoted = false
  let at = -1
  for (let i = 0; i < item.length - 1; i++) {
    if (item[i] === '"') quoted = !quoted
    if (!quoted && item[i] === ':' && item[i + 1] === ':') at = i
  }
  if (at < 0) return { rest: item }
  const cast = item.slice(at + 2).trim()
  if (!CAST.test(cast)) throw new ApiError(400, 'PGRST100', `"${cast}" is not a valid type to cast to`)
  return { cast, rest: item.slice(0, at) }
}

function parseItem(raw: string, depth: number): SelectItem {
  const item = raw.trim()
  if (!item) throw new ApiError(400, 'PGRST100', 'empty item in select')
  if (item === '*') return { kind: 'star' }
  const open = item.indexOf('(')
  const { alias, rest: afterAlias } = splitAlias(item)
  if (open >= 0 && !afterAlias.trimStart().startsWith('"')) {
    const body = afterAlias.trim()
    const o = body.indexOf('(')
    if (!body.endsWith(')') && !/\)::[A-Za-z_][\w ]*(\[\])?$/.test(body)) throw new ApiError(400, 'PGRST100', `"${item}" is missing a closing ")"`)
    const { cast, rest } = splitCast(body)
    const close = rest.lastIndexOf(')')
    const head = rest.slice(0, o).trim()
    const inside = rest.slice(o + 1, close)
    // `amount.sum()` and `count()`: PostgREST's aggregate form.
    const dotFn = /^(.*)\.(count|sum|avg|min|max)$/.exec(head)
    if (dotFn && inside.trim() === '') {
      return { kind: 'aggregate', fn: dotFn[2] as AggregateFn, path: parseColumnPath(dotFn[1]), alias, cast }
    }
    if (AGGREGATES.has(head as AggregateFn) && !inside.includes('(') && !inside.includes(',')) {
      const arg = inside.trim()
      const fn = head as AggregateFn
      if (arg === '' || arg === '*') {
        if (fn !== 'count') throw new ApiError(400, 'PGRST100', `${fn}() needs a column, e.g. ${fn}(amount)`)
        return { kind: 'aggregate', fn, alias, cast }
      }
      return { kind: 'aggregate', fn, path: parseColumnPath(arg), alias, cast }
    }
    if (cast) throw new ApiError(400, 'PGRST100', `an embedded resource cannot be cast: "${item}"`)
    if (depth >= MAX_DEPTH) throw new ApiError(400, 'PGRST100', `embedding is nested deeper than ${MAX_DEPTH} levels`)
    let spread = false
    let target = head
    if (target.startsWith('...')) {
      spread = true
      target = target.slice(3)
    }
    const [relRaw, ...hints] = target.split('!')
    const relation = parseName(relRaw, 'relation')
    let inner = false
    let hint: string | undefined
    for (const h of hints) {
      const name = h.trim()
      if (name === 'inner') inner = true
      else if (name === 'left') inner = false
      else if (hint === undefined) hint = parseName(name, 'embedding hint')
      else throw new ApiError(400, 'PGRST100', `too many "!" hints in "${item}"`)
    }
    return { kind: 'embed', relation, alias, hint, inner, spread, select: parseSelectList(inside, depth + 1) }
  }
  const { cast, rest } = splitCast(afterAlias)
  return { kind: 'column', path: parseColumnPath(rest), alias, cast }
}

export function parseSelectList(input: string, depth = 0): SelectItem[] {
  if (input.trim() === '') return [{ kind: 'star' }]
  return splitTopLevel(input, ',', 'select').map((item) => parseItem(item, depth))
}

/** `select=` as sent; absent means `*`. */
export function parseSelect(input: string | undefined): SelectItem[] {
  if (input === undefined) return [{ kind: 'star' }]
  // Whitespace outside quotes is insignificant (postgrest-js strips it; people type it).
  return parseSelectList(stripSpaces(input))
}

function stripSpaces(input: string): string {
  let out = ''
  let quoted = false
  for (const ch of input) {
    if (ch === '"') quoted = !quoted
    if (!quoted && (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r')) continue
    out += ch
  }
  return out
}
