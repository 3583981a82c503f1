// realtime/replication-slot.ts — the permanent logical replication slot and publication the capture stream reads.
// The slot survives API restarts (PostgreSQL keeps every change until we confirm it); max_slot_wal_keep_size caps
// what it may hold while nobody reads, and past that cap PostgreSQL invalidates it: we then drop and recreate it,
// and report the gap (changes in it are lost to realtime; the rows themselves are of course still in the tables).
import crypto from 'node:crypto'
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

/**
 * Slot names are cluster-wide and a slot belongs to one database: on an external server, two studios on different
 * databases each need their own. The plain name stays where this database already has it (an earlier install).
 */
export async function slotNameForDatabase(admin: Pool, base = DEFAULT_SLOT): Promise<string> {
  const { rows } = await admin.query<{ db: string; own: boolean }>(
    'SELECT current_database() AS db, EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND database = current_database()) AS own',
    [base],
  )
  if (rows[0].own) return base
  const db = rows[0].db
  const hash = crypto.createHash('sha256').update(db).digest('hex').slice(0, 8)
  return `${base}_${db.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30)}_${hash}`
}

/**
 * `listed` (an external server): the publication names realtime.schema_registry and the realtime-enabled tables
 * (migration 0301 keeps it in step as tables are enabled); brought up to date here for tables re-created since.
 * Otherwise FOR ALL TABLES (the embedded server, where the inspector shows every table).
 */
export async function ensurePublication(admin: Pool, publication: string, listed = false): Promise<void> {
  const { rows } = await admin.query<{ all: boolean }>('SELECT puballtables AS all FROM pg_publication WHERE pubname = $1', [publication])
  if (!rows.length) {
    const form = listed ? 'FOR TABLE realtime.schema_registry' : 'FOR ALL TABLES'
    const { rows: q } = await admin.query<{ sql: string }>(`SELECT format('CREATE PUBLICATION %I ${form} WITH (publish_via_partition_root = true)', $1::text) AS sql`, [publication])
    await admin.query(q[0].sql)
  } else if (rows[0].all) return
  if (!listed) return
  const { rows: absent } = await admin.query<{ sql: string }>(
    `SELECT format('ALTER PUBLICATION %I ADD TABLE %s', $1::text, to_regclass(format('%I.%I', r.schema_name, r.table_name))) AS sql
       FROM realtime.schema_registry r
      WHERE r.realtime_enabled AND to_regclass(format('%I.%I', r.schema_name, r.table_name)) IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM pg_publication_tables t WHERE t.pubname = $1 AND t.schemaname = r.schema_name AND t.tablename = r.table_name)`,
    [publication],
  )
  for (const a of absent) await admin.query(a.sql)
}

/**
 * The slot's row, version-aware: `invalidation_reason` is PostgreSQL 17+; 16 has `conflicting` (true once a
 * standby's slot conflicted with recovery); 14 and 15 say only wal_status = 'lost'. Pure, so it is unit-tested per major.
 */
export function slotRowSql(serverVersionNum: number): string {
  const invalid =
    serverVersionNum >= 170000 ? 'invalidation_reason' : serverVersionNum >= 160000 ? "CASE WHEN conflicting THEN 'conflicting' END" : 'NULL::text'
  return `SELECT confirmed_flush_lsn::text AS confirmed, wal_status, ${invalid} AS invalid, active_pid, plugin
       FROM pg_replication_slots WHERE slot_name = $1`
}

export async function ensureSlot(admin: Pool, slot: string): Promise<SlotState> {
  const { rows: v } = await admin.query<{ n: number }>("SELECT current_setting('server_version_num')::int AS n")
  const { rows } = await admin.query<{ confirmed: string | null; wal_status: string | null; invalid: string | null; active_pid: number | null; plugin: string }>(
    slotRowSql(v[0].n),
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
