// features/sql/error-format.ts — a failed statement as psql prints it: `ERROR:  message`, then the offending line
// with a caret under PostgreSQL's error position (a window of it when the line is long), then DETAIL, HINT and
// CONTEXT. Returns text with ANSI colours. Pure.
import type { SqlError } from '../../../../contract/studio-sql'
import { ansi } from '../../components/terminal/ansi'
import { textWidth } from '../../components/terminal/text-width'

/** libpq shows at most this many columns of a long line around the error. */
const WINDOW = 60

export interface CaretLines {
  line: string
  caret: string
}

/** The `LINE n: …` and caret lines for a 1-based character position in `sql`, or undefined when out of range. */
export function caretLines(sql: string, position: number): CaretLines | undefined {
  const chars = Array.from(sql)
  if (!Number.isInteger(position) || position < 1 || position > chars.length + 1) return undefined
  const index = position - 1
  let lineStart = 0
  let lineNo = 1
  for (let i = 0; i < index && i < chars.length; i++) {
    if (chars[i] === '\n') {
      lineNo++
      lineStart = i + 1
    }
  }
  let lineEnd = lineStart
  while (lineEnd < chars.length && chars[lineEnd] !== '\n') lineEnd++
  let text = chars.slice(lineStart, lineEnd).map((c) => (c === '\t' ? ' ' : c === '\r' ? '' : c))
  let col = index - lineStart
  let prefixDots = false
  let suffixDots = false
  if (text.length > WINDOW) {
    // Keep the caret inside a window of the line, as libpq does, marking the cut ends with "...".
    let start = Math.max(0, col - Math.floor(WINDOW / 2))
    start = Math.min(start, Math.max(0, text.length - WINDOW))
    prefixDots = start > 0
    suffixDots = start + WINDOW < text.length
    text = text.slice(start, start + WINDOW)
    col -= start
  }
  const label = `LINE ${lineNo}: `
  const shown = (prefixDots ? '...' : '') + text.join('') + (suffixDots ? '...' : '')
  const before = (prefixDots ? '...' : '') + text.slice(0, col).join('')
  return { line: label + shown, caret: ' '.repeat(textWidth(label) + textWidth(before)) + '^' }
}

export function formatError(error: SqlError, sql: string): string[] {
  const out = [`${ansi.red(ansi.bold('ERROR:'))}  ${error.message}${error.code ? ansi.dim(`  (SQLSTATE ${error.code})`) : ''}`]
  if (error.position) {
    const caret = caretLines(sql, error.position)
    if (caret) out.push(caret.line, ansi.red(ansi.bold(caret.caret)))
  }
  const labelled = (label: string, text: string | undefined, colour: (s: string) => string) => {
    if (!text) return
    text.split('\n').forEach((part, i) => out.push(i === 0 ? `${colour(label)}  ${part}` : part))
  }
  labelled('DETAIL:', error.detail, ansi.bold)
  labelled('HINT:', error.hint, (s) => ansi.yellow(ansi.bold(s)))
  labelled('CONTEXT:', error.where, ansi.dim)
  return out
}
