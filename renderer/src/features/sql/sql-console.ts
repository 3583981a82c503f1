// features/sql/sql-console.ts — the SQL console behind the SQL view: a psql-like session in an xterm terminal.
// Reads input with a small line editor (multi-line statements, history), sends complete statements to the studio
// API (as the active identity, else the superuser), prints results, notices and errors like psql, and cancels the
// running statement on the server with Ctrl+C. One console lives for the page's lifetime, so its scrollback and
// history survive switching views; the view attaches and detaches its terminal.
import { studioStore } from '../../store'
import type { SqlRunResponse } from '../../../../contract/studio-sql'
import { createTerminalHost, type TerminalHost } from '../../components/terminal/terminal-host'
import { ansi } from '../../components/terminal/ansi'
import { textWidth } from '../../components/terminal/text-width'
import { cancelSql, runSql, sqlHelp, sqlHistory } from '../../api/sql-api'
import * as ed from './line-editor'
import { layoutInput } from './edit-layout'
import { inputTokens, type InputToken } from './input-keys'
import { isMetaCommand, lineMarks, scanSql } from './sql-scan'
import { formatResult, type ExpandedMode } from './result-format'
import { formatError } from './error-format'
import { databaseName, promptText, type PromptOwner } from './prompt'
import { describeFailure } from './failure-text'

const CSI = '\x1b['
const SCROLLBACK = 10_000
const HISTORY_KEEP = 1000

const LOCAL_HELP: Array<[string, string]> = [
  ['\\x [on|off|auto]', 'expanded display: one record per block (auto: when a table is wider than the terminal)'],
  ['\\timing [on|off]', 'print how long each statement took'],
  ['\\s', 'show the statement history'],
  ['\\echo text', 'print text'],
  ['\\?', 'this help'],
]

const KEY_HELP: Array<[string, string]> = [
  ['Enter', 'run the input when it ends with ; (or is a \\ command); otherwise continue on the next line'],
  ['↑ / ↓', 'previous / next statement from the history (inside a multi-line statement: move between its lines)'],
  ['Ctrl+C', 'cancel the running statement on the server; clear the input; with a selection: copy'],
  ['Ctrl+L', 'clear the screen'],
  ['Ctrl+F', 'search the output'],
  ['Ctrl+A / Ctrl+E', 'start / end of the line; Ctrl+U, Ctrl+W delete to the line start / the previous word'],
]

function newQueryId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `q-${Date.now()}-${Math.random().toString(16).slice(2)}`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class SqlConsole {
  readonly host: TerminalHost
  /** Set by the view: Ctrl+F opens its search bar. */
  onSearchRequested: (() => void) | undefined

  private editor = ed.EMPTY
  /** The terminal row of the cursor, counted from the first row of the input. */
  private cursorRow = 0
  /** A prompt is on screen and takes keys. */
  private inputActive = false
  private history: string[] = []
  private historyIndex: number | null = null
  private draft = ''
  private running: { queryId: string; cancelRequested: boolean } | null = null
  /** Input typed or pasted while a statement ran: replayed, in order, once the prompt is back. */
  private queue = ''
  private started = false
  private waiting = false
  private lastOwner = ''

  constructor() {
    this.host = createTerminalHost({
      scrollback: SCROLLBACK,
      onKey: (e) => {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
          this.onSearchRequested?.()
          return true
        }
        return undefined
      },
      onResize: () => this.afterResize(),
    })
    this.host.term.onData((data) => this.handleData(data))
    studioStore.subscribe((state, prev) => {
      if (state.identity !== prev.identity) this.identityChanged()
    })
  }

  get term() {
    return this.host.term
  }

  attach(container: HTMLElement): void {
    this.host.attach(container)
    if (!this.started) this.startWhenConnected()
    this.term.focus()
  }

  /** The banner and history need the runtime's answer (token, status): wait for the first one. */
  private startWhenConnected(): void {
    const ready = () => {
      const { token, status } = studioStore.getState()
      return !!token && !!status
    }
    if (ready()) return this.start()
    if (this.waiting) return
    this.waiting = true
    this.term.write(ansi.dim('Connecting to the runtime…') + '\r')
    const off = studioStore.subscribe(() => {
      if (!ready() || this.started) return
      off()
      this.term.write(`${CSI}2K`)
      this.start()
    })
  }

  detach(): void {
    this.host.detach()
  }

  focus(): void {
    this.term.focus()
  }

  /** Puts text into the input (e.g. "open in the SQL console" from another view); does not run it. */
  setInput(text: string): void {
    if (!this.inputActive) {
      this.queue += text
      return
    }
    this.editor = ed.atEnd(text)
    this.render()
  }

  clearScreen(): void {
    this.term.clear()
    this.term.write(`${CSI}2J${CSI}H`)
    this.cursorRow = 0
    if (this.inputActive) this.render()
  }

  async cancel(): Promise<void> {
    const run = this.running
    if (!run || run.cancelRequested) return
    run.cancelRequested = true
    this.term.write(ansi.dim('^C Cancel request sent') + '\r\n')
    // The server learns the query's backend a moment after the request arrives: ask again until it has it.
    for (let attempt = 0; attempt < 15 && this.running === run; attempt++) {
      try {
        if (await cancelSql(run.queryId)) return
      } catch (err) {
        if (this.running === run) this.term.write(ansi.red(`Could not cancel: ${describeFailure(err)}`) + '\r\n')
        return
      }
      await sleep(200)
    }
  }

  // ── startup ──────────────────────────────────────────────────────────────────────────────────────────────

  private start(): void {
    this.started = true
    const status = studioStore.getState().status
    const owner = this.owner()
    this.lastOwner = this.ownerKey(owner)
    const version = status?.postgresVersion ? ` · PostgreSQL ${status.postgresVersion}` : ''
    this.writeLines([
      ansi.bold('Fluxbase SQL console') + ansi.dim(`${version} · ${this.ownerWords()}`),
      ansi.dim('End a statement with ; and press Enter. \\? help · ↑/↓ history · Ctrl+C cancel · Ctrl+L clear · Ctrl+F search'),
      '',
    ])
    this.showPrompt()
    sqlHistory().then(
      (entries) => {
        const saved = entries.map((e) => e.sql.trim()).filter(Boolean)
        this.history = dedupe([...saved, ...this.history]).slice(-HISTORY_KEEP)
      },
      (err) => this.printAbove([ansi.yellow(`The statement history could not be loaded: ${describeFailure(err)}`)]),
    )
  }

  private owner(): PromptOwner {
    const { identity, status } = studioStore.getState()
    if (!identity.accessToken) return { name: databaseName(status?.databaseUrl), superuser: true }
    return { name: identity.label, superuser: false }
  }

  private ownerKey(owner: PromptOwner): string {
    return `${owner.superuser}:${owner.name}`
  }

  private ownerWords(): string {
    const { identity } = studioStore.getState()
    return identity.accessToken ? `as ${identity.label} (RLS applies)` : 'as the superuser'
  }

  private identityChanged(): void {
    if (!this.started) return
    const key = this.ownerKey(this.owner())
    if (key === this.lastOwner) return
    this.lastOwner = key
    const note = ansi.magenta(`-- now running ${this.ownerWords()}`)
    if (this.inputActive) this.printAbove([note])
    else this.term.write(note + '\r\n')
  }

  // ── input ────────────────────────────────────────────────────────────────────────────────────────────────

  private handleData(data: string): void {
    if (!this.inputActive) {
      if (data.includes('\x03')) void this.cancel()
      else this.queue += data
      return
    }
    const tokens = inputTokens(data)
    for (let i = 0; i < tokens.length; i++) {
      if (!this.inputActive) {
        // A statement started running mid-paste: the rest waits for the next prompt.
        this.queue += tokens
          .slice(i)
          .map((t) => t.raw)
          .join('')
        break
      }
      this.apply(tokens[i])
    }
    if (this.inputActive) this.render()
  }

  private apply(token: InputToken): void {
    if (token.kind === 'text') {
      this.editor = ed.insert(this.editor, token.text)
      return
    }
    switch (token.key) {
      case 'enter':
        this.enter()
        return
      case 'backspace':
        this.editor = ed.backspace(this.editor)
        return
      case 'delete':
      case 'eof':
        this.editor = ed.deleteForward(this.editor)
        return
      case 'left':
        this.editor = ed.left(this.editor)
        return
      case 'right':
        this.editor = ed.right(this.editor)
        return
      case 'home':
        this.editor = ed.home(this.editor)
        return
      case 'end':
        this.editor = ed.end(this.editor)
        return
      case 'word-left':
        this.editor = ed.wordLeft(this.editor)
        return
      case 'word-right':
        this.editor = ed.wordRight(this.editor)
        return
      case 'kill-line-start':
        this.editor = ed.killToLineStart(this.editor)
        return
      case 'delete-word-back':
        this.editor = ed.deleteWordBack(this.editor)
        return
      case 'tab':
        this.editor = ed.insert(this.editor, '    ')
        return
      case 'up':
        this.editor = ed.verticalMove(this.editor, -1) ?? this.historyStep(-1)
        return
      case 'down':
        this.editor = ed.verticalMove(this.editor, 1) ?? this.historyStep(1)
        return
      case 'clear':
        this.clearScreen()
        return
      case 'interrupt':
        // psql: Ctrl+C at the prompt abandons the input.
        this.render()
        this.leaveInput(ansi.dim('^C'))
        this.editor = ed.EMPTY
        this.historyIndex = null
        this.showPrompt()
        return
    }
  }

  private historyStep(direction: -1 | 1): ed.EditorState {
    if (!this.history.length) return this.editor
    if (this.historyIndex === null) {
      if (direction > 0) return this.editor
      this.draft = this.editor.text
      this.historyIndex = this.history.length
    }
    const next = this.historyIndex + direction
    if (next < 0) return this.editor
    if (next >= this.history.length) {
      this.historyIndex = null
      return ed.atEnd(this.draft)
    }
    this.historyIndex = next
    return ed.atEnd(this.history[next])
  }

  private enter(): void {
    const text = this.editor.text
    if (!text.trim()) {
      this.render()
      this.leaveInput('')
      this.editor = ed.EMPTY
      this.showPrompt()
      return
    }
    if (!isMetaCommand(text) && !scanSql(text).complete) {
      this.editor = ed.insert(this.editor, '\n')
      return
    }
    this.render()
    this.leaveInput('')
    this.editor = ed.EMPTY
    this.historyIndex = null
    this.remember(text.trim())
    void this.execute(text)
  }

  private remember(text: string): void {
    if (this.history[this.history.length - 1] !== text) this.history.push(text)
    if (this.history.length > HISTORY_KEEP) this.history.shift()
  }

  // ── drawing the input ────────────────────────────────────────────────────────────────────────────────────

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

  /** Redraws the prompt and input in place and puts the cursor where the editor has it. */
  private render(): void {
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
  private leaveInput(suffix: string): void {
    const { endRow, endCol } = this.layout()
    const down = endRow - this.cursorRow
    this.term.write((down > 0 ? `${CSI}${down}B` : '') + '\r' + (endCol > 0 ? `${CSI}${endCol}C` : '') + suffix + '\r\n')
    this.cursorRow = 0
    this.inputActive = false
  }

  private showPrompt(): void {
    this.inputActive = true
    this.cursorRow = 0
    this.render()
    if (this.queue) {
      const pending = this.queue
      this.queue = ''
      this.handleData(pending)
    }
  }

  /** Prints lines above the prompt (e.g. an identity change) and redraws the input below them. */
  private printAbove(lines: string[]): void {
    if (!this.inputActive) {
      this.writeLines(lines)
      return
    }
    this.term.write('\r' + (this.cursorRow > 0 ? `${CSI}${this.cursorRow}A` : '') + `${CSI}J` + lines.join('\r\n') + '\r\n')
    this.cursorRow = 0
    this.render()
  }

  private writeLines(lines: string[]): void {
    if (lines.length) this.term.write(lines.join('\r\n') + '\r\n')
  }

  private afterResize(): void {
    // xterm reflows wrapped rows itself; only our idea of the cursor's row needs recomputing.
    if (this.inputActive) this.cursorRow = this.layout().cursorRow
  }

  // ── running ──────────────────────────────────────────────────────────────────────────────────────────────

  private async execute(text: string): Promise<void> {
    const run = { queryId: newQueryId(), cancelRequested: false }
    this.running = run
    studioStore.getState().setSqlRunning(true)
    const started = performance.now()
    try {
      const handled = isMetaCommand(text) ? await this.localMeta(text.trim()) : false
      if (!handled) this.printResponse(await runSql(text, run.queryId), text)
      if (studioStore.getState().sqlTiming && !handled) this.writeLines([ansi.dim(`Time: ${(performance.now() - started).toFixed(3)} ms`)])
    } catch (err) {
      this.writeLines([`${ansi.red(ansi.bold('ERROR:'))}  ${describeFailure(err)}`])
    } finally {
      this.running = null
      studioStore.getState().setSqlRunning(false)
      this.showPrompt()
    }
  }

  private printResponse(res: SqlRunResponse, sql: string): void {
    const { sqlExpanded } = studioStore.getState()
    const lines: string[] = []
    for (const notice of res.notices) {
      const m = /^([A-Z]+):\s*(.*)$/s.exec(notice)
      lines.push(m ? `${ansi.yellow(ansi.bold(m[1] + ':'))}  ${m[2]}` : notice)
    }
    for (const result of res.results) {
      const printed = formatResult(result, { expanded: sqlExpanded, columns: this.term.cols })
      lines.push(...printed)
      // psql leaves a blank line after a table, not after a bare command tag.
      if (result.fields.length) lines.push('')
    }
    if (res.error) lines.push(...formatError(res.error, sql))
    this.writeLines(lines)
  }

  /** Backslash commands the terminal answers itself; false = ask the server (\dt, \d, \dp…). */
  private async localMeta(text: string): Promise<boolean> {
    const [command, ...args] = text.replace(/;+$/, '').split(/\s+/)
    const arg = args.join(' ')
    const state = studioStore.getState()
    switch (command) {
      case '\\x': {
        const next: ExpandedMode | undefined =
          arg === 'on' || arg === 'off' || arg === 'auto' ? arg : arg ? undefined : state.sqlExpanded === 'off' ? 'on' : 'off'
        if (!next) {
          this.writeLines([ansi.red(`\\x: unrecognized value "${arg}": use on, off or auto`)])
          return true
        }
        state.setSqlExpanded(next)
        this.writeLines([next === 'auto' ? 'Expanded display is used automatically.' : `Expanded display is ${next}.`])
        return true
      }
      case '\\timing': {
        const next = arg === 'on' ? true : arg === 'off' ? false : arg ? undefined : !state.sqlTiming
        if (next === undefined) {
          this.writeLines([ansi.red(`\\timing: unrecognized value "${arg}": use on or off`)])
          return true
        }
        state.setSqlTiming(next)
        this.writeLines([`Timing is ${next ? 'on' : 'off'}.`])
        return true
      }
      case '\\?':
      case '\\h':
      case '\\help':
        await this.printHelp()
        return true
      case '\\s':
        this.writeLines(this.history.length ? this.history.map((h, i) => `${ansi.dim(String(i + 1).padStart(4))}  ${h.replace(/\n/g, '\r\n      ')}`) : [ansi.dim('The history is empty.')])
        return true
      case '\\echo':
        this.writeLines([arg])
        return true
      case '\\q':
        this.writeLines([ansi.dim('This console stays open with the studio. Ctrl+L clears it; the sidebar takes you elsewhere.')])
        return true
      default:
        return false
    }
  }

  private async printHelp(): Promise<void> {
    const server = await sqlHelp()
    const local = new Set(LOCAL_HELP.map(([c]) => c.split(' ')[0]))
    const rows = (items: Array<[string, string]>) => items.map(([c, d]) => `  ${ansi.bold(c.padEnd(22))} ${d}`)
    this.writeLines([
      ansi.bold('Informational') + ansi.dim(' (answered by the server, as the current identity)'),
      ...rows(server.filter((c) => !local.has(c.command.split(' ')[0])).map((c) => [c.command, c.description])),
      '',
      ansi.bold('Display') + ansi.dim(' (this console)'),
      ...rows(LOCAL_HELP),
      '',
      ansi.bold('Keys'),
      ...rows(KEY_HELP),
      '',
      ansi.dim(`Statements run ${this.ownerWords()}; pick another identity in the RLS view (status bar chip).`),
      '',
    ])
  }
}

function dedupe(list: string[]): string[] {
  return list.filter((item, i) => item !== list[i - 1])
}

let instance: SqlConsole | undefined

/** The page's one console, made on first use. */
export function sqlConsole(): SqlConsole {
  instance ??= new SqlConsole()
  return instance
}
