// rest/request/parse-column-path.ts — `col`, `"odd col"`, `data->a->>b`, `arr->0` → ColumnPath. Names are only
// shaped here; the planner checks them against the schema cache.
import { ApiError } from '../../errors.js'
import type { ColumnPath, JsonStep } from './request-types.js'
import { unquote } from './split-top-level.js'

const BAD_NAME = /[,.:()!]/
const MAX_NAME = 63

export function parseName(raw: string, what: string): string {
  const text = raw.trim()
  const name = text.startsWith('"') ? unquote(text) : text
  if (!name) throw new ApiError(400, 'PGRST100', `empty ${what} name`)
  if (!text.startsWith('"') && BAD_NAME.test(name)) throw new ApiError(400, 'PGRST100', `"${text}" is not a valid ${what} name`)
  if (name.includes('\0')) throw new ApiError(400, 'PGRST100', `${what} name contains a NUL character`)
  if (Buffer.byteLength(name) > MAX_NAME) throw new ApiError(400, 'PGRST100', `${what} name "${name.slice(0, 80)}" is longer than ${MAX_NAME} bytes`)
  return name
}

/** Splits `a->b->>c` at the arrows that are outside double quotes. */
function splitArrows(text: string): { head: string; steps: Array<{ arrow: '->' | '->>'; raw: string }> } {
  const parts: Array<{ arrow: '->' | '->>' | ''; start: number; end: number }> = []
  let quoted = false
  let segStart = 0
  let arrow: '->' | '->>' | '' = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    if (quoted) continue
    if (ch === '-' && text[i + 1] === '>') {
      parts.push({ arrow, start: segStart, end: i })
      arrow = text[i + 2] === '>' ? '->>' : '->'
      i += arrow.length - 1
      segStart = i + 1
    }
  }
  parts.push({ arrow, start: segStart, end: text.length })
  const [first, ...rest] = parts
  return {
    head: text.slice(first.start, first.end),
    steps: rest.map((p) => ({ arrow: p.arrow as '->' | '->>', raw: text.slice(p.start, p.end) })),
  }
}

export function parseColumnPath(raw: string): ColumnPath {
  const text = raw.trim()
  const { head, steps } = splitArrows(text)
  const column = parseName(head, 'column')
  const json: JsonStep[] = steps.map(({ arrow, raw: key }) => {
    const k = key.trim()
    if (!k) throw new ApiError(400, 'PGRST100', `empty JSON key after "${arrow}" in "${text}"`)
    if (/^-?\d+$/.test(k)) return { arrow, key: k, index: true }
    const unq = k.startsWith('"') || k.startsWith("'") ? k.slice(1, -1) : k
    if (k.startsWith("'") && !k.endsWith("'")) throw new ApiError(400, 'PGRST100', `unterminated quote in JSON key ${k}`)
    if (unq.includes('\0')) throw new ApiError(400, 'PGRST100', 'JSON key contains a NUL character')
    return { arrow, key: unq, index: false }
  })
  return { column, json }
}

/** The name a JSON path gets in the output when it has no alias: its last key (PostgREST). */
export function defaultName(path: ColumnPath): string {
  return path.json.length ? path.json[path.json.length - 1].key : path.column
}

export function pathToString(path: ColumnPath): string {
  return path.column + path.json.map((s) => s.arrow + s.key).join('')
}
