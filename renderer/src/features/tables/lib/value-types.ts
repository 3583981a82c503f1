// features/tables/lib/value-types.ts — what kind of value a column holds (from the structure endpoint's types), how a
// cell shows it, and how text typed into an editor becomes the JSON value a REST write sends. Pure.
import type { ColumnMeta } from '../../../../../contract/table-meta'

export type ValueKind = 'bool' | 'number' | 'json' | 'array' | 'timestamptz' | 'timestamp' | 'date' | 'time' | 'uuid' | 'bytea' | 'text'

/** A row as the REST API returns it (jsonb stays parsed, numbers that JSON cannot hold exactly stay strings). */
export type Row = Record<string, unknown>

export function valueKind(column: Pick<ColumnMeta, 'udt' | 'category'>): ValueKind {
  const udt = column.udt
  if (column.category === 'A') return 'array'
  if (udt === 'bool') return 'bool'
  if (udt === 'json' || udt === 'jsonb') return 'json'
  if (udt === 'timestamptz') return 'timestamptz'
  if (udt === 'timestamp') return 'timestamp'
  if (udt === 'date') return 'date'
  if (udt === 'time' || udt === 'timetz') return 'time'
  if (udt === 'uuid') return 'uuid'
  if (udt === 'bytea') return 'bytea'
  if (column.category === 'N') return 'number'
  return 'text'
}

/** Beyond this many characters a cell shows the start of the value and the viewer shows all of it. */
export const LONG_TEXT = 120

export function isLongValue(kind: ValueKind, value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (kind === 'json' || kind === 'array') return true
  return typeof value === 'string' && (value.length > LONG_TEXT || value.includes('\n'))
}

/** Bytes in a bytea value as the API sends it ("\\x0102ff"). */
export function byteaLength(value: string): number {
  return value.startsWith('\\x') ? Math.floor((value.length - 2) / 2) : value.length
}

/** The value as plain text: what an editor starts from, what CSV exports and copies contain. NULL → null. */
export function valueToText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}

/** A one-line preview for a grid cell. */
export function previewText(kind: ValueKind, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (kind === 'timestamptz' || kind === 'timestamp') return String(value).replace('T', ' ')
  if (kind === 'bytea' && typeof value === 'string') {
    const n = byteaLength(value)
    const hex = value.startsWith('\\x') ? value.slice(2, 2 + 32) : ''
    return `${n} byte${n === 1 ? '' : 's'}${hex ? ` · ${hex}${value.length > 34 ? '…' : ''}` : ''}`
  }
  const text = valueToText(value) ?? ''
  const firstLine = text.length > LONG_TEXT * 2 ? text.slice(0, LONG_TEXT * 2) : text
  return firstLine.replace(/\s*\n\s*/g, ' ⏎ ')
}

export class ValueInputError extends Error {}

/**
 * Text typed into an editor → the JSON value the write sends. Types PostgreSQL parses from text (dates, uuid,
 * numeric beyond double precision, enums, intervals…) go as strings: the server's own error says what is wrong.
 */
export function parseInput(kind: ValueKind, text: string): unknown {
  switch (kind) {
    case 'bool': {
      const t = text.trim().toLowerCase()
      if (['true', 't', 'yes', 'y', '1', 'on'].includes(t)) return true
      if (['false', 'f', 'no', 'n', '0', 'off'].includes(t)) return false
      throw new ValueInputError(`“${text}” is not a boolean: type true or false`)
    }
    case 'number': {
      const t = text.trim()
      if (t === '') throw new ValueInputError('A number is needed here (use “Set NULL” for no value)')
      const n = Number(t)
      // Exact in a JS number → send a number; otherwise (big ints, long decimals, NaN, Infinity) PostgreSQL parses it.
      if (Number.isFinite(n) && String(n) === t) return n
      return t
    }
    case 'json': {
      try {
        return JSON.parse(text) as unknown
      } catch (err) {
        throw new ValueInputError(`Not valid JSON: ${(err as Error).message}`)
      }
    }
    case 'array': {
      const t = text.trim()
      if (t.startsWith('[')) {
        try {
          const parsed = JSON.parse(t) as unknown
          if (Array.isArray(parsed)) return parsed
        } catch (err) {
          throw new ValueInputError(`Not a valid JSON array: ${(err as Error).message} (or write a PostgreSQL literal such as {a,b})`)
        }
      }
      // A PostgreSQL array literal ({a,b}) is parsed by the server.
      return t
    }
    default:
      return text
  }
}

/** Same value as far as the database is concerned (a staged edit back to the original is no edit). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || a === undefined || b === undefined) return false
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b)
  return String(a) === String(b)
}

/**
 * A grid cell's text and look without extra elements (the grid draws thousands of cells while scrolling): the
 * class says NULL, empty text, a boolean, a number… Arrays are the exception, drawn as chips by CellValue.
 */
export function cellText(kind: ValueKind, value: unknown): { text: string; look: string } {
  if (value === null || value === undefined) return { text: 'NULL', look: 'null' }
  if (kind === 'bool') return value ? { text: '✓ true', look: 'true' } : { text: '✗ false', look: 'false' }
  if (kind === 'text' && value === '') return { text: '', look: 'empty' }
  return { text: previewText(kind, value), look: kind }
}
