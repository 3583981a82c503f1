// features/realtime/row-diff.ts — old row beside new row: every column either side has, in the row's own order, and
// which ones the change touched (compared as JSON, so equal objects and arrays count as unchanged). Pure.
export interface ColumnDiff {
  column: string
  old: unknown
  new: unknown
  inOld: boolean
  inNew: boolean
  changed: boolean
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  return JSON.stringify(a) === JSON.stringify(b)
}

export function diffRows(oldRow: Record<string, unknown> | null, newRow: Record<string, unknown> | null): ColumnDiff[] {
  const columns = [...new Set([...Object.keys(newRow ?? {}), ...Object.keys(oldRow ?? {})])]
  const both = !!oldRow && !!newRow
  return columns.map((column) => {
    const inOld = !!oldRow && column in oldRow
    const inNew = !!newRow && column in newRow
    const o = oldRow?.[column]
    const n = newRow?.[column]
    // Only an UPDATE with both rows can say what changed; a key-only old row says nothing about the other columns.
    return { column, old: o, new: n, inOld, inNew, changed: both && inOld && inNew && !same(o, n) }
  })
}

/** A value as one line of text: strings bare, null as NULL, the rest as JSON. */
export function valueText(value: unknown): string {
  if (value === null) return 'NULL'
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}
