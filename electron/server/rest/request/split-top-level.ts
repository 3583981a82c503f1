// rest/request/split-top-level.ts — the one lexical helper of the query language: split a list on a separator that
// is outside parentheses and double quotes (`a,b(c,d),"e,f"` → 3 items). Used by select, or/and, order, in.
import { ApiError } from '../../errors.js'

export function splitTopLevel(input: string, separator = ',', what = 'list'): string[] {
  // Square brackets nest too (`vec_cos.[0.1,0.2]`, `in.["a","b"]`), unless they are unbalanced, e.g. in a pattern.
  return split(input, separator, what, true) ?? (split(input, separator, what, false) as string[])
}

function split(input: string, separator: string, what: string, brackets: boolean): string[] | undefined {
  const items: string[] = []
  let depth = 0
  let square = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (quoted) {
      if (ch === '\\') i++
      else if (ch === '"') quoted = false
      continue
    }
    if (ch === '"') quoted = true
    else if (brackets && ch === '[') square++
    else if (brackets && ch === ']') square = Math.max(0, square - 1)
    else if (ch === '(') depth++
    else if (ch === ')') {
      depth--
      if (depth < 0) throw new ApiError(400, 'PGRST100', `unbalanced ")" in ${what} "${clip(input)}"`)
    } else if (ch === separator && depth === 0 && square === 0) {
      items.push(input.slice(start, i))
      start = i + 1
    }
  }
  if (quoted) throw new ApiError(400, 'PGRST100', `unterminated double quote in ${what} "${clip(input)}"`)
  if (depth !== 0) throw new ApiError(400, 'PGRST100', `unbalanced "(" in ${what} "${clip(input)}"`)
  if (square !== 0) return undefined
  items.push(input.slice(start))
  return items
}

/** `"a,b"` → `a,b` with `\"` and `\\` unescaped; anything else is returned as is. */
export function unquote(item: string): string {
  if (item.length >= 2 && item.startsWith('"') && item.endsWith('"')) {
    return item.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return item
}

/** Error messages name the culprit, but never echo kilobytes of it back. */
export function clip(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
