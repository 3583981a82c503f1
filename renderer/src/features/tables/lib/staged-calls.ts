// features/tables/lib/staged-calls.ts — staged edits, inserts and deletes (TablePlus-style: nothing is written
// until reviewed) and the exact REST calls they become: one PATCH per edited row and one POST per new row, each
// addressed by primary key, and DELETEs naming exactly the selected keys (in chunks that keep URLs short). Pure.
import { pkFilter, describeKey, describeKeys } from './row-keys'
import { tablePath } from './rest-query'
import type { Row } from './value-types'

export interface StagedEdit {
  /** rowKey() of the row. */
  key: string
  pk: Row
  /** column → new value (null = SQL NULL). */
  changes: Row
  /** column → value before the edit (for the review's "from → to"). */
  before: Row
}

export interface StagedInsert {
  id: string
  /** Only the columns the user filled; the rest take their defaults. */
  values: Row
}

export interface StagedDelete {
  key: string
  pk: Row
}

export interface StagedChanges {
  edits: Record<string, StagedEdit>
  inserts: StagedInsert[]
  deletes: Record<string, StagedDelete>
}

export const NO_CHANGES: StagedChanges = { edits: {}, inserts: [], deletes: {} }

export function changeCount(s: StagedChanges): number {
  return Object.keys(s.edits).length + s.inserts.length + Object.keys(s.deletes).length
}

export type CallKind = 'update' | 'insert' | 'delete'

export interface PlannedCall {
  id: string
  kind: CallKind
  method: 'PATCH' | 'POST' | 'DELETE'
  path: string
  body?: unknown
  /** Rows the call must affect (1 for PATCH/POST, the key count for DELETE): fewer means RLS or a race hid some. */
  expectedRows: number
  /** What the user staged, in words. */
  summary: string
  /** The staged items this call carries (edit/delete keys, insert ids), to unstage them once it succeeds. */
  items: string[]
}

/** Keep each DELETE's URL well under common limits (the server accepts long ones, proxies may not). */
const MAX_DELETE_PATH = 6000

export function planCalls(schema: string, table: string, staged: StagedChanges): PlannedCall[] {
  const calls: PlannedCall[] = []
  for (const edit of Object.values(staged.edits)) {
    if (staged.deletes[edit.key]) continue
    const cols = Object.keys(edit.changes)
    if (cols.length === 0) continue
    calls.push({
      id: `edit:${edit.key}`,
      kind: 'update',
      method: 'PATCH',
      path: tablePath(schema, table, pkFilter([edit.pk])),
      body: edit.changes,
      expectedRows: 1,
      summary: `Update ${cols.join(', ')} where ${describeKey(edit.pk)}`,
      items: [edit.key],
    })
  }
  for (const insert of staged.inserts) {
    const cols = Object.keys(insert.values)
    calls.push({
      id: `insert:${insert.id}`,
      kind: 'insert',
      method: 'POST',
      path: tablePath(schema, table),
      body: insert.values,
      expectedRows: 1,
      summary: cols.length ? `Insert a row (${cols.join(', ')}; other columns take their defaults)` : 'Insert a row of defaults',
      items: [insert.id],
    })
  }
  const deletes = Object.values(staged.deletes)
  let chunk: StagedDelete[] = []
  const flush = (): void => {
    if (!chunk.length) return
    const n = chunk.length
    calls.push({
      id: `delete:${chunk[0].key}`,
      kind: 'delete',
      method: 'DELETE',
      path: tablePath(schema, table, pkFilter(chunk.map((d) => d.pk))),
      expectedRows: n,
      summary: n === 1 ? `Delete the row where ${describeKey(chunk[0].pk)}` : `Delete ${n} rows where ${describeKeys(chunk.map((d) => d.pk))}`,
      items: chunk.map((d) => d.key),
    })
    chunk = []
  }
  for (const d of deletes) {
    const next = [...chunk, d]
    if (chunk.length && tablePath(schema, table, pkFilter(next.map((x) => x.pk))).length > MAX_DELETE_PATH) flush()
    chunk.push(d)
  }
  flush()
  return calls
}

/** Rows a finished call actually touched, from its response body (contract §1.6 shapes). */
export function affectedRows(kind: CallKind, body: unknown): number {
  if (kind === 'delete') {
    const b = body as { affected?: number; records?: unknown[] } | null
    return typeof b?.affected === 'number' ? b.affected : Array.isArray(b?.records) ? b.records.length : 0
  }
  if (Array.isArray(body)) return body.length
  return body && typeof body === 'object' ? 1 : 0
}
