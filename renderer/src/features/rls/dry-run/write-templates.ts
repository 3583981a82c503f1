// features/rls/dry-run/write-templates.ts — the dry-run form's starting JSON for a table: an INSERT with the
// columns that have no default (a user id column filled with the identity's own id), a match on the primary key,
// and one column to set. Pure.
import type { ColumnSummary } from '../../../api/rls-api'

const OWNER_COLUMNS = ['user_id', 'owner_id', 'created_by', 'author_id']

function sample(column: ColumnSummary, sub: string | null): unknown {
  if (OWNER_COLUMNS.includes(column.name) && sub) return sub
  const t = column.type.toLowerCase()
  if (t === 'uuid') return '00000000-0000-4000-8000-000000000000'
  if (t === 'boolean') return false
  if (/int|numeric|real|double|decimal/.test(t)) return 0
  if (t.startsWith('timestamp') || t === 'date') return new Date(0).toISOString()
  if (t.startsWith('json')) return {}
  if (t.endsWith('[]')) return []
  return ''
}

export function insertTemplate(columns: ColumnSummary[], sub: string | null): string {
  const needed = columns.filter((c) => c.default_value === null && !c.identity && !c.generated)
  return JSON.stringify(Object.fromEntries(needed.map((c) => [c.name, sample(c, sub)])), null, 2)
}

export function matchTemplate(columns: ColumnSummary[]): string {
  const keys = columns.filter((c) => c.primary_key)
  return JSON.stringify(Object.fromEntries((keys.length ? keys : columns.slice(0, 1)).map((c) => [c.name, sample(c, null)])), null, 2)
}

export function updateTemplate(columns: ColumnSummary[], sub: string | null): string {
  const settable = columns.filter((c) => !c.primary_key && !c.generated && !c.identity)
  // Changing the owner column is a different question (moving a row to someone else); a plain column first.
  const column = settable.find((c) => !OWNER_COLUMNS.includes(c.name)) ?? settable[0]
  return JSON.stringify(column ? { [column.name]: sample(column, sub) } : {}, null, 2)
}
