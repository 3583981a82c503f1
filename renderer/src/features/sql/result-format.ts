// features/sql/result-format.ts — a statement's result as psql prints it in a terminal: an aligned table (or one
// record per block with \x), numbers right-aligned, multi-line values continued with `+`, NULL shown as a dim ∅
// (never confused with empty text), a `(N rows)` footer and the command tag. Returns text with ANSI colours. Pure.
import type { SqlStatementResult } from '../../../../contract/studio-sql'
import { ansi } from '../../components/terminal/ansi'
import { pad, textWidth } from '../../components/terminal/text-width'
import { cellText } from './cell-text'

export type ExpandedMode = 'on' | 'off' | 'auto'

export interface FormatOptions {
  expanded: ExpandedMode
  /** Terminal width, for \x auto. */
  columns: number
}

export const NULL_MARK = '∅'

const NUMERIC = /^(smallint|integer|bigint|numeric|real|double precision|oid|money|decimal)\b/

/** psql prints the tag alone for commands, and after the rows for INSERT/UPDATE/DELETE/MERGE … RETURNING. */
function tagLine(r: SqlStatementResult): string | undefined {
  const tag = r.tag ?? (r.rowCount !== null && r.command ? `${r.command} ${r.command === 'INSERT' ? '0 ' : ''}${r.rowCount}` : r.command)
  if (!tag) return undefined
  if (!r.fields.length) return tag
  return /^(INSERT|UPDATE|DELETE|MERGE)\b/.test(tag) ? tag : undefined
}

function footer(r: SqlStatementResult): string {
  const n = r.rows.length
  const words = `(${n} ${n === 1 ? 'row' : 'rows'})`
  if (!r.truncated) return words
  const total = r.rowCount ?? undefined
  return `${words} ${ansi.yellow(`— only the first ${n.toLocaleString('en')} of ${total !== undefined ? total.toLocaleString('en') : 'more'} rows are shown; add a LIMIT`)}`
}

interface Cell {
  lines: string[] | null
}

function cells(r: SqlStatementResult): Cell[][] {
  return r.rows.map((row) =>
    r.fields.map((_, i) => {
      const text = cellText(row[i])
      return { lines: text === null ? null : text.split(/\r?\n/) }
    }),
  )
}

function cellWidth(c: Cell): number {
  return c.lines === null ? 1 : Math.max(0, ...c.lines.map(textWidth))
}

function alignedTable(r: SqlStatementResult, grid: Cell[][]): string[] {
  const widths = r.fields.map((f, i) => Math.max(textWidth(f.name), ...grid.map((row) => cellWidth(row[i]))))
  const right = r.fields.map((f) => NUMERIC.test(f.type))
  const last = r.fields.length - 1
  const out: string[] = []
  const tableWidth = widths.reduce((s, w) => s + w + 3, -1)
  if (r.title) out.push(pad(r.title, Math.max(tableWidth, textWidth(r.title)), 'center').trimEnd())
  out.push(r.fields.map((f, i) => ' ' + ansi.bold(i === last ? pad(f.name, widths[i], 'center').trimEnd() : pad(f.name, widths[i], 'center')) + (i === last ? '' : ' ')).join('|'))
  out.push(widths.map((w) => '-'.repeat(w + 2)).join('+'))
  for (const row of grid) {
    const height = Math.max(1, ...row.map((c) => (c.lines === null ? 1 : c.lines.length)))
    for (let line = 0; line < height; line++) {
      let text = ''
      row.forEach((c, i) => {
        if (i > 0) text += '|'
        let value: string
        let continued = false
        if (c.lines === null) value = line === 0 ? pad(NULL_MARK, widths[i], right[i] ? 'right' : 'left').replace(NULL_MARK, ansi.dim(NULL_MARK)) : ' '.repeat(widths[i])
        else {
          const part = c.lines[line] ?? ''
          continued = line < c.lines.length - 1
          value = pad(part, widths[i], right[i] && c.lines.length === 1 ? 'right' : 'left')
        }
        text += ' ' + value + (continued ? ansi.dim('+') : i === last ? '' : ' ')
      })
      out.push(text.trimEnd())
    }
  }
  return out
}

function expandedRecords(r: SqlStatementResult, grid: Cell[][], columns: number): string[] {
  const nameWidth = Math.max(...r.fields.map((f) => textWidth(f.name)))
  const valueWidth = Math.max(1, ...grid.flatMap((row) => row.map(cellWidth)))
  const ruleWidth = Math.min(Math.max(columns - 1, 20), nameWidth + 3 + valueWidth)
  const out: string[] = []
  if (r.title) out.push(r.title)
  grid.forEach((row, n) => {
    const head = `-[ RECORD ${n + 1} ]`
    out.push(head + '-'.repeat(Math.max(0, ruleWidth - head.length)))
    row.forEach((c, i) => {
      const name = ansi.bold(pad(r.fields[i].name, nameWidth))
      if (c.lines === null) {
        out.push(`${name} | ${ansi.dim(NULL_MARK)}`)
        return
      }
      c.lines.forEach((part, line) => {
        const more = line < c.lines!.length - 1 ? ansi.dim('+') : ''
        out.push(`${line === 0 ? name : ' '.repeat(nameWidth)} | ${part}${more}`.trimEnd())
      })
    })
  })
  return out
}

/** The lines to print for one statement's result. */
export function formatResult(r: SqlStatementResult, options: FormatOptions): string[] {
  const out: string[] = []
  if (r.fields.length) {
    const grid = cells(r)
    let expanded = options.expanded === 'on'
    if (options.expanded === 'auto' && grid.length) {
      const width = r.fields.reduce((s, f, i) => s + Math.max(textWidth(f.name), ...grid.map((row) => cellWidth(row[i]))) + 3, 0)
      expanded = width > options.columns
    }
    if (expanded && grid.length) out.push(...expandedRecords(r, grid, options.columns))
    else out.push(...alignedTable(r, grid))
    out.push(footer(r))
  }
  const tag = tagLine(r)
  if (tag) out.push(ansi.dim(tag))
  return out
}
