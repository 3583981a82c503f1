// features/sql/response-text.ts — one answer of the studio's SQL endpoint → the lines the console prints, like psql:
// notices first (their level in bold), then each statement's table or command tag, then the error, if any. Pure.
import type { SqlRunResponse } from '../../../../contract/studio-sql'
import { ansi } from '../../components/terminal/ansi'
import { formatResult, type ExpandedMode } from './result-format'
import { formatError } from './error-format'

export function responseLines(res: SqlRunResponse, sql: string, expanded: ExpandedMode, columns: number): string[] {
  const lines: string[] = []
  for (const notice of res.notices) {
    const m = /^([A-Z]+):\s*(.*)$/s.exec(notice)
    lines.push(m ? `${ansi.yellow(ansi.bold(m[1] + ':'))}  ${m[2]}` : notice)
  }
  for (const result of res.results) {
    lines.push(...formatResult(result, { expanded, columns }))
    // psql leaves a blank line after a table, not after a bare command tag.
    if (result.fields.length) lines.push('')
  }
  if (res.error) lines.push(...formatError(res.error, sql))
  return lines
}
