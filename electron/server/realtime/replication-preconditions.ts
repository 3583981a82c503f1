// realtime/replication-preconditions.ts — what logical replication needs from the server, checked before the capture
// stream asks for a slot: wal_level, a free WAL sender and slot, the REPLICATION attribute, and (from the stream's
// own error) pg_hba.conf letting replication connections in. Each unmet one becomes the sentence naming the setting
// to change; the capture stream reports it as an error (log, /health, the Overview) and keeps the API running.
import type { Pool } from 'pg'
import { quoteIdent } from '../postgres/quote-ident.js'

export interface ReplicationFacts {
  role: string
  walLevel: string
  maxWalSenders: number
  /** WAL senders in use now (pg_stat_replication). */
  walSendersInUse: number
  maxReplicationSlots: number
  slotsInUse: number
  /** Our slot exists already: it needs no free one. */
  hasSlot: boolean
  canReplicate: boolean
}

export async function readReplicationFacts(admin: Pool, slot: string): Promise<ReplicationFacts> {
  const { rows } = await admin.query(
    `SELECT current_user AS role, current_setting('wal_level') AS wal_level,
            current_setting('max_wal_senders')::int AS max_wal_senders,
            (SELECT count(*) FROM pg_stat_replication)::int AS senders_in_use,
            current_setting('max_replication_slots')::int AS max_slots,
            (SELECT count(*) FROM pg_replication_slots)::int AS slots_in_use,
            EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1) AS has_slot,
            r.rolsuper OR r.rolreplication AS can_replicate
       FROM pg_roles r WHERE r.rolname = current_user`,
    [slot],
  )
  const r = rows[0]
  return {
    role: r.role,
    walLevel: r.wal_level,
    maxWalSenders: r.max_wal_senders,
    walSendersInUse: r.senders_in_use,
    maxReplicationSlots: r.max_slots,
    slotsInUse: r.slots_in_use,
    hasSlot: r.has_slot,
    canReplicate: r.can_replicate,
  }
}

const RESTART = 'then restart PostgreSQL (on a managed service: change it in the instance\'s parameter group or settings)'

/** The first unmet precondition, as a sentence a developer can act on; undefined when realtime can start. */
export function unmetPrecondition(f: ReplicationFacts): string | undefined {
  if (f.walLevel !== 'logical') {
    return `realtime needs wal_level = logical, and this server has wal_level = ${f.walLevel}: run ALTER SYSTEM SET wal_level = logical; ${RESTART}`
  }
  if (f.maxWalSenders === 0) {
    return `realtime needs a WAL sender, and this server has max_wal_senders = 0: run ALTER SYSTEM SET max_wal_senders = 10; ${RESTART}`
  }
  if (!f.canReplicate) {
    return `realtime needs the REPLICATION attribute, and the role "${f.role}" lacks it: run ALTER ROLE ${quoteIdent(f.role)} REPLICATION as a superuser (on a managed service, grant its replication role)`
  }
  if (!f.hasSlot && f.slotsInUse >= f.maxReplicationSlots) {
    return `realtime needs a free replication slot, and all ${f.maxReplicationSlots} (max_replication_slots) are in use: drop one nobody reads (SELECT pg_drop_replication_slot('name') — see pg_replication_slots), or run ALTER SYSTEM SET max_replication_slots = ${f.maxReplicationSlots + 1}; ${RESTART}`
  }
  if (f.walSendersInUse >= f.maxWalSenders) {
    return `realtime needs a free WAL sender, and all ${f.maxWalSenders} (max_wal_senders) are in use: run ALTER SYSTEM SET max_wal_senders = ${f.maxWalSenders + 5}; ${RESTART}`
  }
  return undefined
}

/** A replication connection's error that is a setting to change rather than a passing fault (else undefined). */
export function preconditionOfError(message: string, role: string): string | undefined {
  if (/pg_hba\.conf/i.test(message)) {
    // A logical replication connection is matched by its database name, like any other (the "replication" keyword
    // is for physical replication only).
    return `the server refuses the replication connection of the role "${role}" (pg_hba.conf): allow it for this database and the runtime's address (e.g. "host <database> ${role} 127.0.0.1/32 scram-sha-256"), then SELECT pg_reload_conf()`
  }
  if (/unsupported startup parameter:? .*replication|replication.*not supported/i.test(message)) {
    return 'the replication connection was refused by a connection pooler (PgBouncer, Supavisor …) in front of the server: point --database-url at the server itself (its direct port), not at the pooler'
  }
  if (/must be superuser or replication role|permission denied to start WAL sender|REPLICATION attribute/i.test(message)) {
    return `realtime needs the REPLICATION attribute, and the role "${role}" lacks it: run ALTER ROLE ${quoteIdent(role)} REPLICATION as a superuser`
  }
  if (/number of requested standby connections exceeds max_wal_senders/i.test(message)) {
    return `realtime needs a free WAL sender, and all are in use (max_wal_senders): raise max_wal_senders (ALTER SYSTEM SET max_wal_senders = …); ${RESTART}`
  }
  if (/logical decoding requires wal_level|wal_level >= logical/i.test(message)) {
    return `realtime needs wal_level = logical: run ALTER SYSTEM SET wal_level = logical; ${RESTART}`
  }
  if (/all replication slots are in use/i.test(message)) {
    return `realtime needs a free replication slot, and all are in use: drop one nobody reads (SELECT pg_drop_replication_slot('name')) or raise max_replication_slots; ${RESTART}`
  }
  return undefined
}
