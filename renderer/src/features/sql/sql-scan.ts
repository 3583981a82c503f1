// features/sql/sql-scan.ts — where the console's input stands, like psql's lexer: inside a string, a quoted name,
// a dollar-quoted body, a comment or parentheses, and whether the text ends a statement (a `;` outside all of
// those). Decides between running the input and a continuation prompt (`-#`, `'#`, `(#`…). Pure.

export type OpenState = '-' | "'" | '"' | '$' | '*' | '('

export interface ScanResult {
  /** The text ends with `;` at top level (trailing blanks and comments allowed): run it. */
  complete: boolean
  /** psql's continuation mark for the next line: what is still open. */
  open: OpenState
}

export function scanSql(text: string, onNewline?: (open: OpenState) => void): ScanResult {
  let depth = 0
  let state: 'normal' | 'single' | 'escape-single' | 'double' | 'dollar' | 'line-comment' | 'block-comment' = 'normal'
  let dollarTag = ''
  let blockDepth = 0
  let lastSignificant = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const next = text[i + 1]
    switch (state) {
      case 'normal':
        if (c === '-' && next === '-') {
          state = 'line-comment'
          i++
        } else if (c === '/' && next === '*') {
          state = 'block-comment'
          blockDepth = 1
          i++
        } else if (c === "'") {
          // E'…' strings take backslash escapes; a standard string only doubles its quotes.
          const prev = text[i - 1]
          const isE = (prev === 'E' || prev === 'e') && !/[\w$]/.test(text[i - 2] ?? '')
          state = isE ? 'escape-single' : 'single'
          lastSignificant = c
        } else if (c === '"') {
          state = 'double'
          lastSignificant = c
        } else if (c === '$') {
          const m = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(text.slice(i))
          // $1 (a parameter) or a$b (part of a name) are not dollar quotes.
          if (m && !/[\w$]/.test(text[i - 1] ?? '')) {
            state = 'dollar'
            dollarTag = m[0]
            i += m[0].length - 1
          }
          lastSignificant = c
        } else if (c === '(') {
          depth++
          lastSignificant = c
        } else if (c === ')') {
          depth = Math.max(0, depth - 1)
          lastSignificant = c
        } else if (!/\s/.test(c)) {
          lastSignificant = c
        }
        break
      case 'single':
        if (c === "'") {
          if (next === "'") i++
          else state = 'normal'
        }
        break
      case 'escape-single':
        if (c === '\\') i++
        else if (c === "'") {
          if (next === "'") i++
          else state = 'normal'
        }
        break
      case 'double':
        if (c === '"') {
          if (next === '"') i++
          else state = 'normal'
        }
        break
      case 'dollar':
        if (c === '$' && text.startsWith(dollarTag, i)) {
          i += dollarTag.length - 1
          state = 'normal'
        }
        break
      case 'line-comment':
        if (c === '\n') state = 'normal'
        break
      case 'block-comment':
        if (c === '/' && next === '*') {
          blockDepth++
          i++
        } else if (c === '*' && next === '/') {
          blockDepth--
          i++
          if (blockDepth === 0) state = 'normal'
        }
        break
    }
    if (onNewline && text[i] === '\n') onNewline(openOf())
  }
  function openOf(): OpenState {
    return state === 'single' || state === 'escape-single' ? "'" : state === 'double' ? '"' : state === 'dollar' ? '$' : state === 'block-comment' ? '*' : depth > 0 ? '(' : '-'
  }
  const open = openOf()
  const complete = (state === 'normal' || state === 'line-comment') && depth === 0 && lastSignificant === ';'
  return { complete, open }
}

/** A psql backslash command: the input's first non-blank character is `\`. */
export function isMetaCommand(text: string): boolean {
  return text.trimStart().startsWith('\\')
}

/** The continuation mark for each line of `text` after the first (what is open where that line starts). */
export function lineMarks(text: string): OpenState[] {
  const marks: OpenState[] = []
  scanSql(text, (open) => marks.push(open))
  return marks
}
