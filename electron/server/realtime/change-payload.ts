// realtime/change-payload.ts — a captured change → the contract's postgres_changes payload ({type, schema, table,
// record, old_record} plus commit_timestamp, and `timestamp`, which the SDK reads as commit_timestamp). Pure.
import type { ChangeEvent } from './change-event.js'
import type { Row } from './pgoutput-decoder.js'

export interface ChangePayload {
  type: string
  schema: string
  table: string
  record: Row | null
  old_record: Row | null
  commit_timestamp: string
  timestamp: string
}

function without(row: Row | null, excluded: readonly string[]): Row | null {
  if (!row || excluded.length === 0) return row
  const out: Row = {}
  for (const k of Object.keys(row)) if (!excluded.includes(k)) out[k] = row[k]
  return out
}

export function changePayload(event: ChangeEvent, excluded: readonly string[] = []): ChangePayload {
  return {
    type: event.type,
    schema: event.schema,
    table: event.table,
    record: event.type === 'DELETE' ? null : without(event.record, excluded),
    old_record: event.type === 'INSERT' ? null : without(event.old_record, excluded),
    commit_timestamp: event.commit_timestamp,
    timestamp: event.commit_timestamp,
  }
}

/** The row a filter is matched against: what the subscriber would receive (`old_record` for a DELETE). */
export function filterRow(payload: ChangePayload): Row | null {
  return payload.type === 'DELETE' ? payload.old_record : payload.record
}
