// features/sql/cell-text.ts — one result value as psql prints it: t/f for booleans, jsonb's spacing for JSON,
// PostgreSQL's text for everything else (the server sends it as text). NULL is not text: callers mark it. Pure.

export function jsonbText(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}: ${jsonbText(v)}`)
      .join(', ')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** null for SQL NULL; otherwise the text to print. Tabs become spaces so columns stay aligned. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'string') return value.includes('\t') ? value.replace(/\t/g, '    ') : value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  return jsonbText(value)
}
