// postgres/quote-ident.ts — THE quoting helper (house rule 4): the only way a name reaches SQL text, for REST, RPC,
// realtime and the studio alike. Values never come here: they are parameters. Names are quoted always (never "only
// when needed"), so case and keywords are preserved and an odd name (or an output alias) is inert.
import { ApiError } from '../errors.js'

export function quoteIdent(name: string): string {
  // PostgreSQL names cannot hold NUL, and the wire protocol would cut the statement there. An empty name is left to
  // PostgreSQL's own "zero-length delimited identifier" error: callers refuse it first where it is the user's input.
  if (name.includes('\u0000')) throw new ApiError(400, 'PGRST100', 'names cannot contain NUL characters')
  return `"${name.replace(/"/g, '""')}"`
}

export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`
}
