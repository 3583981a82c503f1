// features/sql/sql-console.ts — the SQL console behind the SQL view: a psql-like session in an xterm terminal.
// Wires the pieces: keys from the terminal go to the prompt's line editor (input-view.ts, edit-keys.ts) or, while
// a statement runs, wait in a queue; Enter on a complete statement hands it to the runner (statement-runner.ts) and
// the history. One console lives for the page's lifetime, so its scrollback and history survive switching views;
// the view attaches and detaches its terminal.
import { studioStore } from '../../store'
import { createTerminalHost, type TerminalHost } from '../../components/terminal/terminal-host'
import { ansi } from '../../components/terminal/ansi'
import { sqlHistory } from '../../api/sql-api'
import * as ed from './line-editor'
import { inputTokens, type InputToken } from './input-keys'
import { isMetaCommand, scanSql } from './sql-scan'
import { describeFailure } from './failure-text'
import { CSI, InputView } from './input-view'
import { editKey } from './edit-keys'
import { StatementHistory } from './statement-history'
import { StatementRunner } from './statement-runner'
import { consoleOwner, identityPower, ownerKey, ownerWords } from './console-owner'

const SCROLLBACK = 10_000

export class SqlConsole {
  readonly host: TerminalHost
  /** Set by the view: Ctrl+F opens its search bar. */
  onSearchRequested: (() => void) | undefined

  private readonly input: InputView
  private readonly history = new StatementHistory()
  private readonly runner: StatementRunner
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
      onResize: () => this.input.afterResize(),
    })
    this.input = new InputView(this.host.term, consoleOwner)
    this.runner = new StatementRunner({
      write: (lines) => this.writeLines(lines),
      columns: () => this.term.cols,
      history: () => this.history.entries,
    })
    this.host.term.onData((data) => this.handleData(data))
    studioStore.subscribe((state, prev) => {
      if (state.identity !== prev.identity) this.identityChanged(identityPower(state.identity) > identityPower(prev.identity))
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
    if (!this.input.active) {
      this.queue += text
      return
    }
    this.input.editor = ed.atEnd(text)
    this.input.render()
  }

  clearScreen(): void {
    this.term.clear()
    this.term.write(`${CSI}2J${CSI}H`)
    this.input.screenCleared()
  }

  cancel(): Promise<void> {
    return this.runner.cancel()
  }

  // ── startup ──────────────────────────────────────────────────────────────────────────────────────────────

  private start(): void {
    this.started = true
    const status = studioStore.getState().status
    this.lastOwner = ownerKey(consoleOwner())
    const version = status?.postgresVersion ? ` · PostgreSQL ${status.postgresVersion}` : ''
    this.writeLines([
      ansi.bold('Fluxbase SQL console') + ansi.dim(`${version} · ${ownerWords()}`),
      ansi.dim('End a statement with ; and press Enter. \\? help · ↑/↓ history · Ctrl+C cancel · Ctrl+L clear · Ctrl+F search'),
      ...(consoleOwner().superuser ? [ansi.yellow('Statements run as the superuser: RLS is bypassed. Pick an identity in the status bar to run as a user.')] : []),
      '',
    ])
    this.showPrompt()
    sqlHistory().then(
      (entries) => this.history.merge(entries.map((e) => e.sql.trim()).filter(Boolean)),
      (err) => this.input.printAbove([ansi.yellow(`The statement history could not be loaded: ${describeFailure(err)}`)]),
    )
  }

  private identityChanged(morePowerful: boolean): void {
    if (!this.started) return
    const key = ownerKey(consoleOwner())
    if (key === this.lastOwner) return
    this.lastOwner = key
    if (!morePowerful) {
      this.input.printAbove([ansi.magenta(`-- now running ${ownerWords()}`)])
      return
    }
    // A change to a more powerful identity happens where the user is typing, in words that cannot be missed: the
    // next statement may see (and change) rows the last one could not.
    const owner = consoleOwner()
    this.input.printAbove([
      ansi.bold(ansi.yellow(`⚠ now running ${ownerWords()}${owner.superuser ? ': RLS is bypassed, every row of every table can be read and changed' : ': more rows are in reach than before'}`)),
    ])
  }

  // ── input ────────────────────────────────────────────────────────────────────────────────────────────────

  private handleData(data: string): void {
    if (!this.input.active) {
      if (data.includes('\x03')) void this.cancel()
      else this.queue += data
      return
    }
    const tokens = inputTokens(data)
    for (let i = 0; i < tokens.length; i++) {
      if (!this.input.active) {
        // A statement started running mid-paste: the rest waits for the next prompt.
        this.queue += tokens
          .slice(i)
          .map((t) => t.raw)
          .join('')
        break
      }
      this.apply(tokens[i])
    }
    if (this.input.active) this.input.render()
  }

  private apply(token: InputToken): void {
    const input = this.input
    if (token.kind === 'text') {
      input.editor = ed.insert(input.editor, token.text)
      return
    }
    const edited = editKey(input.editor, token.key)
    if (edited) {
      input.editor = edited
      return
    }
    switch (token.key) {
      case 'enter':
        this.enter()
        return
      case 'up':
        input.editor = ed.verticalMove(input.editor, -1) ?? this.history.step(input.editor, -1)
        return
      case 'down':
        input.editor = ed.verticalMove(input.editor, 1) ?? this.history.step(input.editor, 1)
        return
      case 'clear':
        this.clearScreen()
        return
      case 'interrupt':
        // psql: Ctrl+C at the prompt abandons the input.
        input.render()
        input.leave(ansi.dim('^C'))
        input.editor = ed.EMPTY
        this.history.reset()
        this.showPrompt()
        return
    }
  }

  private enter(): void {
    const text = this.input.editor.text
    if (!text.trim()) {
      this.input.render()
      this.input.leave('')
      this.input.editor = ed.EMPTY
      this.showPrompt()
      return
    }
    if (!isMetaCommand(text) && !scanSql(text).complete) {
      this.input.editor = ed.insert(this.input.editor, '\n')
      return
    }
    this.input.render()
    this.input.leave('')
    this.input.editor = ed.EMPTY
    this.history.reset()
    this.history.remember(text.trim())
    void this.runner.run(text).finally(() => this.showPrompt())
  }

  private showPrompt(): void {
    this.input.show()
    if (this.queue) {
      const pending = this.queue
      this.queue = ''
      this.handleData(pending)
    }
  }

  private writeLines(lines: string[]): void {
    if (lines.length) this.term.write(lines.join('\r\n') + '\r\n')
  }
}

let instance: SqlConsole | undefined

/** The page's one console, made on first use. */
export function sqlConsole(): SqlConsole {
  instance ??= new SqlConsole()
  return instance
}
