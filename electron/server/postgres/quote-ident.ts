// postgres/quote-ident.ts — the one quoting helper for identifiers (house rule 4). Values never come here: they are
// parameters. Identifiers are quoted always (never "only when needed"), so case and keywords are preserved.
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new Error('empty identifier')
  if (name.includes('\0')) throw new Error('identifier contains a NUL byte')
  return '"' + name.replace(/"/g, '""') + '"'
}

export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`
}
