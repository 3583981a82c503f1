// features/auth/json-edit.ts — the metadata editors' rules: the text must be a JSON object; a mistake is reported
// with its line and column; `roles` in app_metadata can be edited as a list of names. Pure.

export type JsonObjectParse = { ok: true; value: Record<string, unknown> } | { ok: false; error: string }

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  return { line, column: position - before.lastIndexOf('\n') }
}

/** Where JSON.parse gives up in `text` (for messages that do not say). A small recursive-descent walk. */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const fail = (): never => {
    throw i
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail()
  }
  const string = () => {
    i++
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++
      else if (text.charCodeAt(i) < 32) fail()
      i++
    }
    if (i >= text.length) fail()
    i++
  }
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!m) fail()
    i += m![0].length
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    number()
  }
  try {
    value()
    ws()
    return i < text.length ? i : -1
  } catch (at) {
    return typeof at === 'number' ? at : 0
  }
}

export function parseJsonObject(text: string): JsonObjectParse {
  if (!text.trim()) return { ok: true, value: {} }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    // V8 words it as 'Unexpected token }, "…" is not valid JSON': keep the reason, drop the echo of the text.
    const reason = (err as Error).message.split(/, "|\s+in JSON at position|\s*\(line \d+/)[0]
    const at = jsonErrorOffset(text)
    if (at >= 0) {
      const { line, column } = lineColumn(text, at)
      return { ok: false, error: `Line ${line}, column ${column}: ${reason}` }
    }
    return { ok: false, error: reason }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `Must be a JSON object ({ … }), not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}` }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2)
}

/** The role names kept in app_metadata.roles (strings only). */
export function rolesOf(appMetadata: Record<string, unknown> | undefined): string[] {
  const roles = appMetadata?.roles
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : []
}

/** The same object with app_metadata.roles set to `roles` (removed when empty). */
export function withRoles(appMetadata: Record<string, unknown>, roles: string[]): Record<string, unknown> {
  const { roles: _old, ...rest } = appMetadata
  return roles.length ? { ...rest, roles } : rest
}

/**
 * The server merges metadata top-level keys (a null value removes one), like upstream: to make the stored object
 * exactly `after`, send `after` plus a null for every key the user deleted.
 */
export function replacementPatch(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...after }
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null
  return patch
}
