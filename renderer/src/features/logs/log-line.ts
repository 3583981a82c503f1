// features/logs/log-line.ts — one log entry as a line of the live tail: time, level and source in colour, the
// request id in a fixed column (the terminal makes it clickable), then the message and the identity. Also the
// words the table shows for an entry's status, duration and identity. Pure.
import type { LogCategory, LogEntry, LogLevel } from '../../../../contract/studio-logs'
import { ansi } from '../../components/terminal/ansi'

export const REQUEST_COLUMN = { start: 29, width: 16 }

const LEVEL_STYLE: Record<LogLevel, (s: string) => string> = {
  trace: ansi.dim,
  debug: ansi.dim,
  info: ansi.green,
  warn: (s) => ansi.yellow(ansi.bold(s)),
  error: (s) => ansi.red(ansi.bold(s)),
  fatal: (s) => `\x1b[7m${ansi.red(ansi.bold(s))}\x1b[27m`,
}

const CATEGORY_STYLE: Record<LogCategory, (s: string) => string> = {
  http: ansi.blue,
  postgres: ansi.cyan,
  security: ansi.magenta,
  realtime: ansi.green,
  execution: ansi.yellow,
  studio: ansi.gray,
  system: (s) => s,
  custom: (s) => s,
}

export const CATEGORY_LABELS: Record<LogCategory, string> = {
  http: 'HTTP',
  postgres: 'PostgreSQL',
  security: 'Security',
  realtime: 'Realtime',
  execution: 'Execution',
  studio: 'Studio',
  system: 'System',
  custom: 'Custom',
}

export function clockTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso.slice(11, 23).padEnd(12)
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`
}

export function fieldsOf(e: LogEntry): Record<string, unknown> {
  return e.fields ?? {}
}

export function statusOf(e: LogEntry): number | undefined {
  const s = fieldsOf(e).status_code
  return typeof s === 'number' ? s : undefined
}

export function durationOf(e: LogEntry): string {
  const d = fieldsOf(e).duration_ms
  return typeof d === 'number' ? `${d < 10 ? d.toFixed(1) : Math.round(d)} ms` : ''
}

/** Who the entry ran as: the role (and the user id when there is one). */
export function identityOf(e: LogEntry): string {
  const role = fieldsOf(e).role
  const parts = [typeof role === 'string' ? role : '', e.user_id ?? ''].filter(Boolean)
  return parts.join(' · ')
}

/** The request id as the tail's fixed column shows it (long custom ids are cut, the full one stays in the entry). */
export function requestToken(id: string | undefined): string {
  if (!id) return ''
  return id.length > REQUEST_COLUMN.width ? id.slice(0, REQUEST_COLUMN.width - 1) + '…' : id
}

export function tailLine(e: LogEntry): string {
  const level = LEVEL_STYLE[e.level] ?? ((s: string) => s)
  const category = CATEGORY_STYLE[e.category] ?? ((s: string) => s)
  const req = requestToken(e.request_id)
  const who = identityOf(e)
  // Continuation lines of a multi-line message (a statement, a stack) line up under the message.
  const message = e.message.replace(/\r?\n/g, '\r\n' + ' '.repeat(REQUEST_COLUMN.start + REQUEST_COLUMN.width + 1))
  // Each separator space shares its neighbour's style: fewer style runs, fewer elements for the terminal to draw.
  return (
    ansi.dim(clockTime(e.timestamp) + ' ') +
    level(e.level.toUpperCase().padEnd(6)) +
    category(e.category.padEnd(10).slice(0, 10)) +
    (req ? ansi.underline(ansi.gray(req.padEnd(REQUEST_COLUMN.width))) : ' '.repeat(REQUEST_COLUMN.width)) +
    ' ' +
    (e.level === 'error' || e.level === 'fatal' ? ansi.red(message) : message) +
    (who ? ansi.dim(`  ${who}`) : '')
  )
}
