// features/sql/local-meta.ts — the backslash commands the console answers itself, without the server: \x and
// \timing (display settings in the store), \s (the history), \echo, \q, and \? (the server's commands, these and
// the keys). Any other backslash command goes to the server (\dt, \d, \dp…).
import { studioStore } from '../../store'
import { ansi } from '../../components/terminal/ansi'
import { sqlHelp } from '../../api/sql-api'
import type { ExpandedMode } from './result-format'
import { ownerWords } from './console-owner'

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

export interface LocalMetaContext {
  write(lines: string[]): void
  /** The statement history, for \s. */
  history(): readonly string[]
}

/** Answers `text` (a trimmed backslash command) when it is one of the console's own; false = ask the server. */
export async function runLocalMeta(text: string, ctx: LocalMetaContext): Promise<boolean> {
  const [command, ...args] = text.replace(/;+$/, '').split(/\s+/)
  const arg = args.join(' ')
  const state = studioStore.getState()
  switch (command) {
    case '\\x': {
      const next: ExpandedMode | undefined =
        arg === 'on' || arg === 'off' || arg === 'auto' ? arg : arg ? undefined : state.sqlExpanded === 'off' ? 'on' : 'off'
      if (!next) {
        ctx.write([ansi.red(`\\x: unrecognized value "${arg}": use on, off or auto`)])
        return true
      }
      state.setSqlExpanded(next)
      ctx.write([next === 'auto' ? 'Expanded display is used automatically.' : `Expanded display is ${next}.`])
      return true
    }
    case '\\timing': {
      const next = arg === 'on' ? true : arg === 'off' ? false : arg ? undefined : !state.sqlTiming
      if (next === undefined) {
        ctx.write([ansi.red(`\\timing: unrecognized value "${arg}": use on or off`)])
        return true
      }
      state.setSqlTiming(next)
      ctx.write([`Timing is ${next ? 'on' : 'off'}.`])
      return true
    }
    case '\\?':
    case '\\h':
    case '\\help':
      ctx.write(await helpLines())
      return true
    case '\\s': {
      const history = ctx.history()
      ctx.write(history.length ? history.map((h, i) => `${ansi.dim(String(i + 1).padStart(4))}  ${h.replace(/\n/g, '\r\n      ')}`) : [ansi.dim('The history is empty.')])
      return true
    }
    case '\\echo':
      ctx.write([arg])
      return true
    case '\\q':
      ctx.write([ansi.dim('This console stays open with the studio. Ctrl+L clears it; the sidebar takes you elsewhere.')])
      return true
    default:
      return false
  }
}

async function helpLines(): Promise<string[]> {
  const server = await sqlHelp()
  const local = new Set(LOCAL_HELP.map(([c]) => c.split(' ')[0]))
  const rows = (items: Array<[string, string]>) => items.map(([c, d]) => `  ${ansi.bold(c.padEnd(22))} ${d}`)
  return [
    ansi.bold('Informational') + ansi.dim(' (answered by the server, as the current identity)'),
    ...rows(server.filter((c) => !local.has(c.command.split(' ')[0])).map((c) => [c.command, c.description])),
    '',
    ansi.bold('Display') + ansi.dim(' (this console)'),
    ...rows(LOCAL_HELP),
    '',
    ansi.bold('Keys'),
    ...rows(KEY_HELP),
    '',
    ansi.dim(`Statements run ${ownerWords()}; pick another identity in the RLS view (status bar chip).`),
    '',
  ]
}
