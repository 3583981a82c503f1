// studio/rls/split-clauses.ts — splits a policy expression, as PostgreSQL deparses it (pg_get_expr), into its
// top-level AND or OR parts, so the simulator can point at the part that failed. Pure; knows quotes, dollar
// quotes, parentheses and brackets, nothing else about SQL.
import type { ClauseSplit } from '../../../../contract/rls-simulator.js'
export type { ClauseSplit } from '../../../../contract/rls-simulator.js'

/** Removes parentheses that wrap the whole expression, e.g. "((a = 1) AND (b = 2))" → "(a = 1) AND (b = 2)". */
export function stripOuterParens(expr: string): string {
  let s = expr.trim()
  for (;;) {
    if (!s.startsWith('(') || !s.endsWith(')')) return s
    const close = matchingParen(s, 0)
    if (close !== s.length - 1) return s
    s = s.slice(1, -1).trim()
  }
}

function matchingParen(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    const skip = skipQuoted(s, i)
    if (skip !== i) {
      i = skip - 1
      continue
    }
    if (s[i] === '(' || s[i] === '[') depth++
    else if (s[i] === ')' || s[i] === ']') {
      depth--
      if (depth === 0) return i
    }
  }
  return -1
}

/** If a quoted literal/identifier starts at i, the index just past it; otherwise i. */
function skipQuoted(s: string, i: number): number {
  const c = s[i]
  if (c === "'" || c === '"') {
    let j = i + 1
    while (j < s.length) {
      if (s[j] === c) {
        if (s[j + 1] === c) j += 2
        else return j + 1
      } else j++
    }
    return s.length
  }
  if (c === '$') {
    const m = /^\$[A-Za-z_]*\$/.exec(s.slice(i))
    if (m) {
      const end = s.indexOf(m[0], i + m[0].length)
      return end < 0 ? s.length : end + m[0].length
    }
  }
  return i
}

/** Top-level split on AND or OR (AND binds tighter, so an OR at top level wins). */
export function splitTopLevel(expr: string): ClauseSplit {
  const s = stripOuterParens(expr)
  for (const op of ['OR', 'AND'] as const) {
    const parts: string[] = []
    let depth = 0
    let start = 0
    for (let i = 0; i < s.length; i++) {
      const skip = skipQuoted(s, i)
      if (skip !== i) {
        i = skip - 1
        continue
      }
      const c = s[i]
      if (c === '(' || c === '[') depth++
      else if (c === ')' || c === ']') depth--
      else if (depth === 0 && s.startsWith(` ${op} `, i)) {
        parts.push(s.slice(start, i).trim())
        start = i + op.length + 2
        i = start - 1
      }
    }
    if (parts.length) {
      parts.push(s.slice(start).trim())
      // BETWEEN x AND y is one clause, not two.
      if (op === 'AND' && parts.some((p) => /\bBETWEEN\s+\S+$/i.test(p) || /\bBETWEEN\b(?!.*\bAND\b)/i.test(p))) continue
      return { op, parts: parts.map(stripOuterParens) }
    }
  }
  return { op: null, parts: [s] }
}
