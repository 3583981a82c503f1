// features/tables/lib/export-rows.ts — rows out of the studio: CSV (RFC 4180, NULL as an empty field, empty text
// as ""), JSON, and INSERT statements with literals quoted by column type. Pure.
import type { ColumnMeta } from '../../../../../contract/table-meta'
import { valueKind, valueToText, type Row } from './value-types'

function csvField(value: unknown): string {
  const text = valueToText(value)
  if (text === null) return ''
  if (text === '' || /[",\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`
  return text
}

export function toCsv(rows: Row[], columns: string[]): string {
  const lines = [columns.map((c) => csvField(c)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','))
  return lines.join('\r\n') + '\r\n'
}

export function toJson(rows: Row[], columns: string[]): string {
  return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))), null, 2)
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export function quoteLiteral(text: string): string {
  // E'' only when a backslash is present, so the literal means the same under any standard_conforming_strings.
  return text.includes('\\') ? `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${text.replace(/'/g, "''")}'`
}

/** An array value as a PostgreSQL array literal: {a,"b c",NULL}. */
export function arrayLiteral(values: unknown[]): string {
  const item = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL'
    if (Array.isArray(v)) return arrayLiteral(v)
    const t = typeof v === 'object' ? JSON.stringify(v) : String(v)
    return t === '' || /[{},"\\\s]/.test(t) || t.toUpperCase() === 'NULL' ? `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : t
  }
  return `{${values.map(item).join(',')}}`
}

export function sqlLiteral(value: unknown, column: Pick<ColumnMeta, 'udt' | 'category' | 'type'>): string {
  if (value === null || value === undefined) return 'NULL'
  const kind = valueKind(column)
  if (kind === 'bool' && typeof value === 'boolean') return value ? 'true' : 'false'
  if (kind === 'number' && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(String(value))) return String(value)
  if (kind === 'array' && Array.isArray(value)) return `${quoteLiteral(arrayLiteral(value))}::${column.type}`
  if (kind === 'json') return `${quoteLiteral(JSON.stringify(value))}::${column.udt}`
  return quoteLiteral(valueToText(value) ?? '')
}

export function toInsertSql(schema: string, table: string, rows: Row[], columns: Array<Pick<ColumnMeta, 'name' | 'udt' | 'category' | 'type'>>): string {
  if (rows.length === 0) return ''
  const target = `${quoteIdent(schema)}.${quoteIdent(table)}`
  const cols = columns.map((c) => quoteIdent(c.name)).join(', ')
  const values = rows.map((r) => `  (${columns.map((c) => sqlLiteral(r[c.name], c)).join(', ')})`)
  return `INSERT INTO ${target} (${cols}) VALUES\n${values.join(',\n')};\n`
}
