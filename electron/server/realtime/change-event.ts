// realtime/change-event.ts — the one shape the capture stream emits and everything downstream reads (fan-out, SSE
// resume, the studio's inspector). Ids come from the WAL, so they mean the same thing after a restart.
import { lsnKey, type Lsn } from './lsn.js'
import type { Row } from './pgoutput-decoder.js'

/** DDL marks a schema change (policies, grants, columns): the fan-out drops what it cached about tables. */
export type ChangeType = 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE' | 'DDL'

export interface ChangeEvent {
  /** Per process, gap-free, for the inspector's paging. */
  seq: number
  /** `<commit end LSN, 16 hex>-<index in transaction, 8 digits>`: string order is commit order, across restarts. */
  id: string
  /** The transaction's commit end LSN ("0/1A2B3C4"). */
  lsn: string
  xid: number
  type: ChangeType
  schema: string
  table: string
  relationOid: number
  record: Row | null
  old_record: Row | null
  /** True when old_record holds only the replica identity key (the table is not REPLICA IDENTITY FULL). */
  oldKeyOnly: boolean
  /** ISO 8601 with microseconds, UTC. */
  commit_timestamp: string
  /** Size of the row data as it came off the WAL, for the history's memory bound. */
  bytes: number
}

export function eventId(commitEndLsn: Lsn, index: number): string {
  return `${lsnKey(commitEndLsn)}-${String(index).padStart(8, '0')}`
}

/** The commit end LSN an event id was made from (for resume checks). */
export function eventIdLsn(id: string): Lsn | undefined {
  const m = /^([0-9A-F]{16})-\d{8}$/i.exec(id)
  return m ? BigInt(`0x${m[1]}`) : undefined
}

const PG_EPOCH_MS = 946_684_800_000n * 1000n // 2000-01-01 in microseconds since 1970

/** pgoutput timestamps are microseconds since 2000-01-01. */
export function commitTimestamp(pgMicros: bigint): string {
  const micros = pgMicros + PG_EPOCH_MS
  const ms = Number(micros / 1000n)
  const extra = String(Number(micros % 1000n)).padStart(3, '0')
  return new Date(ms).toISOString().replace('Z', `${extra}Z`)
}
