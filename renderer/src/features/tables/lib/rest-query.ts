// features/tables/lib/rest-query.ts — the table browser's reads and writes as app-facing REST calls
// (/api/v1/tables/{schema}/{table}?…, contract §1): paths, the order parameter, and a query string kept readable
// (parentheses, commas, dots and stars stay as typed) because the review panel shows it exactly as it is sent. Pure.
import type { ColumnMeta } from '../../../../../contract/table-meta'

export type QueryParam = [key: string, value: string]

/** Percent-encodes what a URL needs, leaving the query language's own punctuation readable. */
export function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%(28|29|2C|3A|2A|40|24|21|7E)/gi, (m) => decodeURIComponent(m))
}

export function queryString(params: QueryParam[]): string {
  return params.map(([k, v]) => `${encodeQueryPart(k)}=${encodeQueryPart(v)}`).join('&')
}

export function tablePath(schema: string, table: string, params: QueryParam[] = []): string {
  const base = `/api/v1/tables/${encodeURIComponent(schema)}/${encodeURIComponent(table)}`
  return params.length ? `${base}?${queryString(params)}` : base
}

/** A column name as the query language reads it: plain when it is a simple identifier, else double-quoted. */
export function columnRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** A value inside a logic tree or an in-list: quoted when it holds the language's separators. */
export function listValue(value: string): string {
  if (value === '' || /[,()"\\:]|^\s|\s$/.test(value) || value === 'null') return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  return value
}

export interface SortTerm {
  column: string
  desc: boolean
}

/**
 * order=… for the user's sort, then the primary key, so offset pages are stable. Ascending is always
 * nullslast (as the SDK sends it). Descending on a NOT NULL column omits the nulls option so a btree index
 * can serve it backwards (DESC NULLS LAST would sort the whole table); nullable columns keep NULLs last.
 */
export function orderParam(sort: SortTerm[], columns: Pick<ColumnMeta, 'name' | 'nullable'>[], primaryKey: string[]): string | undefined {
  const terms: string[] = []
  const used = new Set<string>()
  const nullable = new Map(columns.map((c) => [c.name, c.nullable]))
  for (const s of [...sort, ...primaryKey.map((column) => ({ column, desc: false }))]) {
    if (used.has(s.column)) continue
    used.add(s.column)
    const ref = columnRef(s.column)
    if (!s.desc) terms.push(`${ref}.asc.nullslast`)
    else terms.push(nullable.get(s.column) === false ? `${ref}.desc` : `${ref}.desc.nullslast`)
  }
  return terms.length ? terms.join(',') : undefined
}

export type CountMode = 'estimated' | 'exact'

export interface ReadQuery {
  filters: QueryParam[]
  order?: string
  limit: number
  offset: number
  count?: CountMode
}

/** The read behind one block of a row window; the first block of a window also asks for the count. */
export function blockQuery(filters: QueryParam[], order: string | undefined, offset: number, limit: number, withCount: boolean): ReadQuery {
  return { filters, order, limit, offset, count: withCount ? 'estimated' : undefined }
}

export function readParams(q: ReadQuery): QueryParam[] {
  const params: QueryParam[] = [...q.filters]
  if (q.order) params.push(['order', q.order])
  params.push(['limit', String(q.limit)])
  if (q.offset) params.push(['offset', String(q.offset)])
  if (q.count) params.push(['count', q.count])
  return params
}

/** The total from Content-Range ("0-199/1000000", "*\/0"); undefined when none was counted ("*"). */
export function totalFromContentRange(header: string | null): number | undefined {
  const m = header ? /\/(\d+)$/.exec(header) : null
  return m ? Number(m[1]) : undefined
}
