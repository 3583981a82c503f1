// project/sql-statements.ts — SQL text understood by PostgreSQL's own parser (libpg-query, the server's grammar
// compiled to WASM): split a file into statements with their lines, find a syntax error's line before anything
// runs, and recognise statements a migration must not hold (its own BEGIN/COMMIT). No regular expressions on SQL.
import { loadModule, parse } from 'libpg-query'

export interface Statement {
  text: string
  /** 1-based line where the statement starts in the file. */
  line: number
  /** Character offset of the statement's first character in the file. */
  offset: number
  /** The parse tree's top node name, e.g. CreateStmt, TransactionStmt. */
  kind: string
  /** The parse tree itself ({kind: {...}}), for readers such as inverse-sql.ts. */
  tree: Record<string, unknown>
}

export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based line in the text, when the parser said where. */
    readonly line: number | undefined,
  ) {
    super(message)
  }
}

interface RawStmt {
  stmt?: Record<string, unknown>
  stmt_location?: number
  stmt_len?: number
}

let loaded: Promise<void> | undefined

/** 1-based line of a character offset. */
export function lineAt(text: string, charOffset: number): number {
  let line = 1
  for (let i = 0; i < charOffset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** The parser counts bytes (UTF-8); the rest of us count characters. */
function charOffset(bytes: Buffer, byteOffset: number): number {
  return bytes.subarray(0, byteOffset).toString('utf8').length
}

async function parseTree(sql: string): Promise<RawStmt[]> {
  loaded ??= loadModule()
  await loaded
  try {
    const tree = (await parse(sql)) as { stmts?: RawStmt[] }
    return tree.stmts ?? []
  } catch (err) {
    const e = err as Error & { sqlDetails?: { cursorPosition?: number; message?: string } }
    const cursor = e.sqlDetails?.cursorPosition
    const line = typeof cursor === 'number' && cursor >= 0 ? lineAt(sql, charOffset(Buffer.from(sql), cursor)) : undefined
    throw new SqlSyntaxError(e.sqlDetails?.message ?? e.message, line)
  }
}

/** The file's statements, in order, each with its own text and starting line. Throws SqlSyntaxError. */
export async function splitStatements(sql: string): Promise<Statement[]> {
  const stmts = await parseTree(sql)
  const bytes = Buffer.from(sql)
  return stmts.map((s) => {
    const start = s.stmt_location ?? 0
    const end = s.stmt_len ? start + s.stmt_len : bytes.length
    const text = bytes.subarray(start, end).toString('utf8')
    // stmt_location points at the end of the previous statement's semicolon: skip to the statement's first word.
    const lead = text.length - text.trimStart().length
    const offset = charOffset(bytes, start) + lead
    return { text: text.trim(), line: lineAt(sql, offset), offset, kind: Object.keys(s.stmt ?? {})[0] ?? 'unknown', tree: s.stmt ?? {} }
  })
}
