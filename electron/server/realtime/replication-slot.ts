// realtime/replication-slot.ts — the permanent logical replication slot and publication the capture stream reads.
// The slot survives API restarts (PostgreSQL keeps every change until we confirm it); max_slot_wal_keep_size caps
// what it may hold while nobody reads, and past that cap PostgreSQL invalidates it: we then drop and recreate it,
// and report the gap (changes in it are lost to realtime; the rows themselves are of course still in the tables).
import type { Pool } from 'pg'
import { parseLsn, type Lsn } from './lsn.js'

export const DEFAULT_SLOT = 'fluxbase_realtime'
export const DEFAULT_PUBLICATION = 'fluxbase_realtime'

export interface SlotState {
  /** Where streaming resumes: everything before it was confirmed earlier. */
  confirmed: Lsn
  created: boolean
  /** Set when an invalidated slot (past max_slot_wal_keep_size) had to be replaced. */
  lost?: string
}

export class SlotBusyError extends Error {}

export async function ensurePublication(admin: Pool, publication: string): Promise<void> {
  const { rows } = await admin.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [publication])
  if (rows.length) return
  const { rows: q } = await admin.query<{ sql: string }>(
    "SELECT format('CREATE PUBLICATION %I FOR ALL TABLES WITH (publish_via_partition_root = true)', $1::text) AS sql",
    [publication],
  )
  await admin.query(q[0].sql)
}

export async function ensureSlot(admin: Pool, slot: string): Promise<SlotState> {
  const { rows } = await admin.query<{ confirmed: string | null; wal_status: string | null; invalid: string | null; active_pid: number | null; plugin: string }>(
    `SELECT confirmed_flush_lsn::text AS confirmed, wal_status, invalidation_reason AS invalid, active_pid, plugin
       FROM pg_replication_slots WHERE slot_name = $1`,
    [slot],
  )
  let lost: string | undefined
  const existing = rows[0]
  if (existing) {
    if (existing.active_pid) throw new SlotBusyError(`replication slot "${slot}" is in use by another process (pid ${existing.active_pid})`)
    const broken = existing.wal_status === 'lost' || existing.invalid || existing.plugin !== 'pgoutput'
    if (!broken) return { confirmed: parseLsn(existing.confirmed), created: false }
    lost = existing.invalid ?? existing.wal_status ?? 'unusable slot'
    await admin.query('SELECT pg_drop_replication_slot($1)', [slot])
  }
  const { rows: made } = await admin.query<{ lsn: string }>("SELECT lsn::text AS lsn FROM pg_create_logical_replication_slot($1, 'pgoutput')", [slot])
  return { confirmed: parseLsn(made[0].lsn), created: true, lost }
}

/**
 * Waits until no walsender holds the slot. Closing our replication socket does not end the server's walsender at
 * once; until it exits the slot stays active, and a new stream (or pg_drop_replication_slot) would be refused.
 */
export async function waitForSlotRelease(admin: Pool, slot: string, timeoutMs = 3000): Promise<boolean> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await admin.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot])
    if (!rows[0]?.active) return true
    if (Date.now() >= until) return false
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export interface SlotStatus {
  slot: string
  exists: boolean
  active: boolean
  walStatus: string | null
  /** WAL the slot keeps PostgreSQL from recycling, in bytes. */
  retainedBytes: number | null
  /** How much more WAL may be written before the slot is invalidated (max_slot_wal_keep_size). */
  safeWalBytes: number | null
  confirmedFlushLsn: string | null
}

export async function slotStatus(admin: Pool, slot: string): Promise<SlotStatus> {
  const { rows } = await admin.query(
    `SELECT active, wal_status, confirmed_flush_lsn::text AS confirmed,
            pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::float8 AS retained, safe_wal_size::float8 AS safe
       FROM pg_replication_slots WHERE slot_name = $1`,
    [slot],
  )
  const r = rows[0]
  if (!r) return { slot, exists: false, active: false, walStatus: null, retainedBytes: null, safeWalBytes: null, confirmedFlushLsn: null }
  return { slot, exists: true, active: r.active, walStatus: r.wal_status, retainedBytes: r.retained, safeWalBytes: r.safe, confirmedFlushLsn: r.confirmed }
}
