// features/tables/lib/row-keys.ts — rows addressed by their primary key: a stable key string per row (selection,
// staged edits) and the REST filter that names exactly those rows (`id=eq.1`, `id=in.(1,2)`, or for a composite
// key `or=(and(a.eq.1,b.eq.2),…)`). Writes only ever go through these filters. Pure.
import { columnRef, listValue, type QueryParam } from './rest-query'
import { valueToText, type Row } from './value-types'

/** The primary key values of a row, in key order. */
export function pkValues(row: Row, primaryKey: string[]): unknown[] {
  return primaryKey.map((c) => row[c])
}

export function rowKey(row: Row, primaryKey: string[]): string {
  return JSON.stringify(pkValues(row, primaryKey).map((v) => valueToText(v)))
}

export function pkObject(row: Row, primaryKey: string[]): Row {
  return Object.fromEntries(primaryKey.map((c) => [c, row[c]]))
}

/** Human form: `id = 7`, `(org_id, user_id) = (1, 9)`. */
export function describeKey(pk: Row): string {
  const cols = Object.keys(pk)
  const vals = cols.map((c) => valueToText(pk[c]) ?? 'NULL')
  return cols.length === 1 ? `${cols[0]} = ${vals[0]}` : `(${cols.join(', ')}) = (${vals.join(', ')})`
}

/** Several keys in words: `id in (5, 6, 9)`, or the first few and how many more. */
export function describeKeys(pks: Row[], shown = 8): string {
  if (pks.length === 0) return 'no rows'
  const cols = Object.keys(pks[0])
  const one = (pk: Row): string => {
    const vals = cols.map((c) => valueToText(pk[c]) ?? 'NULL')
    return cols.length === 1 ? vals[0] : `(${vals.join(', ')})`
  }
  const head = pks.slice(0, shown).map(one).join(', ')
  const more = pks.length > shown ? ` and ${pks.length - shown} more` : ''
  return `${cols.length === 1 ? cols[0] : `(${cols.join(', ')})`} in (${head}${more})`
}

/** Filter parameters matching exactly these rows (given as primary-key objects, all with the same columns). */
export function pkFilter(keys: Row[]): QueryParam[] {
  if (keys.length === 0) throw new Error('no rows to address')
  const cols = Object.keys(keys[0])
  if (cols.length === 0) throw new Error('rows without a primary key cannot be addressed')
  const text = (v: unknown): string => {
    const t = valueToText(v)
    if (t === null) throw new Error('a primary key value is NULL')
    return t
  }
  if (keys.length === 1) return cols.map((c) => [columnRef(c), `eq.${text(keys[0][c])}`])
  if (cols.length === 1) return [[columnRef(cols[0]), `in.(${keys.map((k) => listValue(text(k[cols[0]]))).join(',')})`]]
  const items = keys.map((k) => `and(${cols.map((c) => `${columnRef(c)}.eq.${listValue(text(k[c]))}`).join(',')})`)
  return [['or', `(${items.join(',')})`]]
}
