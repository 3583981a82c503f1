// rpc/sql-tokens.ts — a small SQL lexer for procedure bodies: words, quoted identifiers, `$name` parameters and
// punctuation, with string literals, comments and dollar-quoted bodies recognised (and skipped) as such. Enough to
// bind named parameters and to list the relations a statement names; PostgreSQL still parses the real thing.

export type TokenKind = 'word' | 'quoted' | 'param' | 'string' | 'punct'

export interface Token {
  kind: TokenKind
  /** Words lower-cased; quoted identifiers unquoted; params without `$`. */
  value: string
  start: number
  end: number
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/
const IDENT = /[A-Za-z0-9_$\u0080-\uffff]/

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  const n = sql.length
  let i = 0
  while (i < n) {
    const ch = sql[i]
    const next = sql[i + 1]
    const start = i
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i)
      i = end < 0 ? n : end + 1
    } else if (ch === '/' && next === '*') {
      let depth = 1
      i += 2
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') { depth++; i += 2 }
        else if (sql[i] === '*' && sql[i + 1] === '/') { depth--; i += 2 }
        else i++
      }
    } else if (ch === "'" ) {
      const escapes = i > 0 && /[Ee]/.test(sql[i - 1]) && (i < 2 || !IDENT.test(sql[i - 2]))
      i++
      while (i < n) {
        if (escapes && sql[i] === '\\') i += 2
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2
        else if (sql[i] === "'") { i++; break }
        else i++
      }
      tokens.push({ kind: 'string', value: '', start, end: i })
    } else if (ch === '"') {
      i++
      let value = ''
      while (i < n) {
        if (sql[i] === '"' && sql[i + 1] === '"') { value += '"'; i += 2 }
        else if (sql[i] === '"') { i++; break }
        else value += sql[i++]
      }
      tokens.push({ kind: 'quoted', value, start, end: i })
    } else if (ch === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66))
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length)
        i = close < 0 ? n : close + tag[0].length
        tokens.push({ kind: 'string', value: '', start, end: i })
      } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
        i++
        while (i < n && /[A-Za-z0-9_]/.test(sql[i])) i++
        tokens.push({ kind: 'param', value: sql.slice(start + 1, i), start, end: i })
      } else {
        i++
        while (i < n && /[0-9]/.test(sql[i])) i++
        tokens.push({ kind: 'punct', value: sql.slice(start, i), start, end: i })
      }
    } else if (IDENT_START.test(ch)) {
      while (i < n && IDENT.test(sql[i])) i++
      tokens.push({ kind: 'word', value: sql.slice(start, i).toLowerCase(), start, end: i })
    } else if (/\s/.test(ch)) {
      i++
    } else {
      i++
      tokens.push({ kind: 'punct', value: ch, start, end: i })
    }
  }
  return tokens
}
