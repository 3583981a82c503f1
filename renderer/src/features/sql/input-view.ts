// features/sql/input-view.ts — the console's prompt on the terminal: the input being edited, drawn after psql's
// prompts and redrawn in place after every key. It tracks the terminal rows the input takes (they wrap at the
// terminal width), so the cursor lands where the editor has it and lines printed meanwhile go above the prompt.
import type { Terminal } from '@xterm/xterm'
import { ansi } from '../../components/terminal/ansi'
import { textWidth } from '../../components/terminal/text-width'
import * as ed from './line-editor'
import { layoutInput } from './edit-layout'
import { lineMarks } from './sql-scan'
import { promptText, type PromptOwner } from './prompt'

export const CSI = '\x1b['

export class InputView {
  editor = ed.EMPTY
  /** A prompt is on screen and takes keys. */
  active = false
  /** The terminal row of the cursor, counted from the first row of the input. */
  private cursorRow = 0

  constructor(
    private readonly term: Terminal,
    private readonly owner: () => PromptOwner,
  ) {}

  /** Puts up a fresh prompt at the start of the current row. */
  show(): void {
    this.active = true
    this.cursorRow = 0
    this.render()
  }

  /** Redraws the prompt and input in place and puts the cursor where the editor has it. */
  render(): void {
    const { lines, prompts, endRow, cursorRow, cursorCol } = this.layout()
    const cols = this.term.cols
    let out = '\r' + (this.cursorRow > 0 ? `${CSI}${this.cursorRow}A` : '') + `${CSI}J`
    lines.forEach((line, i) => {
      out += this.styledPrompt(prompts[i]) + line
      const width = textWidth(prompts[i]) + textWidth(line)
      // Leave the pending-wrap state of an exactly full row, so the row arithmetic holds.
      if (width > 0 && width % cols === 0) out += '\r\n'
      if (i < lines.length - 1) out += '\r\n'
    })
    const up = endRow - cursorRow
    if (up > 0) out += `${CSI}${up}A`
    out += '\r' + (cursorCol > 0 ? `${CSI}${cursorCol}C` : '')
    this.cursorRow = cursorRow
    this.term.write(out)
  }

  /** Moves below the input (optionally writing `suffix` at its end) and stops taking keys. */
  leave(suffix: string): void {
    const { endRow, endCol } = this.layout()
    const down = endRow - this.cursorRow
    this.term.write((down > 0 ? `${CSI}${down}B` : '') + '\r' + (endCol > 0 ? `${CSI}${endCol}C` : '') + suffix + '\r\n')
    this.cursorRow = 0
    this.active = false
  }

  /** Prints lines above the prompt (e.g. an identity change) and redraws the input below them. */
  printAbove(lines: string[]): void {
    if (!this.active) {
      if (lines.length) this.term.write(lines.join('\r\n') + '\r\n')
      return
    }
    this.term.write('\r' + (this.cursorRow > 0 ? `${CSI}${this.cursorRow}A` : '') + `${CSI}J` + lines.join('\r\n') + '\r\n')
    this.cursorRow = 0
    this.render()
  }

  /** After the screen was cleared: the input starts on the first row again. */
  screenCleared(): void {
    this.cursorRow = 0
    if (this.active) this.render()
  }

  afterResize(): void {
    // xterm reflows wrapped rows itself; only our idea of the cursor's row needs recomputing.
    if (this.active) this.cursorRow = this.layout().cursorRow
  }

  private prompts(lines: string[]): string[] {
    const owner = this.owner()
    const marks = lineMarks(this.editor.text)
    return lines.map((_, i) => promptText(owner, i === 0 ? '=' : marks[i - 1] ?? '-'))
  }

  private styledPrompt(text: string): string {
    return this.owner().superuser ? ansi.bold(text) : ansi.magenta(ansi.bold(text))
  }

  private layout() {
    const lines = this.editor.text.split('\n')
    const prompts = this.prompts(lines)
    const before = this.editor.text.slice(0, this.editor.cursor)
    const cursorLine = before.split('\n').length - 1
    const cursorText = before.slice(before.lastIndexOf('\n') + 1)
    return { lines, prompts, ...layoutInput(lines, prompts.map(textWidth), cursorLine, cursorText, this.term.cols) }
  }
}
