// features/sql/edit-layout.ts — where the input's prompt-prefixed lines fall on the terminal's rows (they wrap at
// the terminal width), so the console can redraw them in place and put the cursor back. A line of exactly N full
// rows is followed by an empty row (the console writes a newline there to leave the pending-wrap state). Pure.
import { textWidth } from '../../components/terminal/text-width'

export interface EditLayout {
  /** Rows the whole input takes. */
  rows: number
  cursorRow: number
  cursorCol: number
  endRow: number
  endCol: number
}

export function rowsOf(width: number, cols: number): number {
  return Math.floor(width / cols) + 1
}

export function layoutInput(lines: string[], promptWidths: number[], cursorLine: number, cursorColumnText: string, cols: number): EditLayout {
  let row = 0
  let cursorRow = 0
  let cursorCol = 0
  let endRow = 0
  let endCol = 0
  lines.forEach((line, i) => {
    const width = promptWidths[i] + textWidth(line)
    if (i === cursorLine) {
      const w = promptWidths[i] + textWidth(cursorColumnText)
      cursorRow = row + Math.floor(w / cols)
      cursorCol = w % cols
    }
    if (i === lines.length - 1) {
      endRow = row + Math.floor(width / cols)
      endCol = width % cols
    }
    row += rowsOf(width, cols)
  })
  return { rows: row, cursorRow, cursorCol, endRow, endCol }
}
