// rest/request/parse-order.ts — `order=a.desc.nullslast,data->>b,author(name).asc,emb.vec_cos.[0.1,0.2]` →
// OrderTerm[]. Strict: an unknown direction or nulls option is a 400 naming it.
import { ApiError } from '../../errors.js'
import type { OrderTerm } from './request-types.js'
import { parseColumnPath } from './parse-column-path.js'
import { clip, splitTopLevel } from './split-top-level.js'

const VECTOR_OPS = new Set(['vec_l2', 'vec_cos', 'vec_ip'])

function parseTerm(raw: string): OrderTerm {
  const text = raw.trim()
  if (!text) throw new ApiError(400, 'PGRST100', 'empty term in order')
  // Split at dots outside quotes, parentheses and brackets.
  const parts: string[] = []
  let quoted = false
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    if (quoted) continue
    if (ch === '(' || ch === '[') depth++
    else if (ch === ')' || ch === ']') depth--
    else if (ch === '.' && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  const [target, ...mods] = parts
  const term: OrderTerm = { path: { column: '', json: [] }, direction: 'asc' }
  const rel = /^([^()]+)\((.+)\)$/.exec(target)
  if (rel) {
    term.relation = rel[1].trim()
    term.path = parseColumnPath(rel[2])
  } else {
    term.path = parseColumnPath(target)
  }
  for (let i = 0; i < mods.length; i++) {
    const mod = mods[i]
    if (mod === 'asc' || mod === 'desc') term.direction = mod
    else if (mod === 'nullsfirst') term.nulls = 'first'
    else if (mod === 'nullslast') term.nulls = 'last'
    else if (VECTOR_OPS.has(mod)) {
      const value = mods[i + 1]
      if (value === undefined || !value.startsWith('[')) throw new ApiError(400, 'PGRST100', `"${mod}" in order needs a vector, e.g. ${mod}.[0.1,0.2]`)
      term.vector = { op: mod as 'vec_l2' | 'vec_cos' | 'vec_ip', value }
      i++
    } else {
      throw new ApiError(400, 'PGRST100', `unknown order option "${clip(mod, 40)}" in "${clip(text)}"`, undefined, 'use asc, desc, nullsfirst or nullslast')
    }
  }
  return term
}

export function parseOrder(input: string): OrderTerm[] {
  if (input.trim() === '') return []
  return splitTopLevel(input, ',', 'order').map(parseTerm)
}
