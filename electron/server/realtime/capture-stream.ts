// realtime/capture-stream.ts — every committed INSERT/UPDATE/DELETE of every table, in commit order, from the WAL
// (pgoutput over a permanent slot). Knows nothing about subscribers: the fan-out and the studio's inspector read it.
// A transaction's events are handed to listeners at its commit, and only then is its LSN confirmed to PostgreSQL, so
// a restart resumes right after the last transaction handed over: nothing lost, nothing twice.
import type { Pool } from 'pg'
import { LogicalReplicationService } from 'pg-logical-replication'
import type { LogBus } from '../logs/log-bus.js'
import { createPgoutputDecoder, type PgoutputMessage, type Relation, type Row } from './pgoutput-decoder.js'
import { commitTimestamp, eventId, type ChangeEvent, type ChangeType } from './change-event.js'
import { createChangeHistory, type ChangeHistory, type HistoryLimits } from './change-history.js'
import { formatLsn, parseLsn, type Lsn } from './lsn.js'
import { DEFAULT_PUBLICATION, DEFAULT_SLOT, ensurePublication, ensureSlot, slotNameForDatabase, SlotBusyError, waitForSlotRelease } from './replication-slot.js'
import { preconditionOfError, readReplicationFacts, unmetPrecondition } from './replication-preconditions.js'

/** Prefix of the logical message realtime's event trigger writes on every DDL (resources/migrations/0300). */
export const DDL_MESSAGE_PREFIX = 'fluxbase.realtime.ddl'

export interface CaptureOptions {
  /**
   * The superuser pool: the replication connection (which needs REPLICATION or superuser) is opened with its
   * settings, so it goes through the embedded server's unix socket too, where a WAL stream costs less than on TCP.
   */
  admin: Pool
  logs: LogBus
  slot?: string
  publication?: string
  /** An external server (--database-url): the publication lists the realtime-enabled tables instead of FOR ALL
   * TABLES, and the slot is named for the database (slot names are cluster-wide). */
  external?: boolean
  history?: Partial<HistoryLimits>
  /** How long to wait between reconnection attempts (grows up to 10× this). */
  retryMs?: number
}

export type CaptureListener = (events: ChangeEvent[]) => void

export interface CaptureStats {
  up: boolean
  slot: string
  confirmedLsn: string
  transactions: number
  events: number
  lastEventAt: string | null
  historySize: number
  historyBytes: number
  paused: boolean
  lastError: string | null
  /** An unmet precondition (a server setting or privilege), in words naming what to change; null when none. */
  problem: string | null
}

export interface CaptureStream {
  /** Resolves once streaming runs, on the first failure, or after `waitMs`; it keeps retrying in the background. */
  start(waitMs?: number): Promise<void>
  stop(): Promise<void>
  readonly up: boolean
  /** Why capture cannot run until someone changes a setting or privilege (see replication-preconditions.ts). */
  readonly problem: string | undefined
  subscribe(listener: CaptureListener): () => void
  readonly history: ChangeHistory
  /** Backpressure from a consumer: stop reading the WAL (PostgreSQL keeps it in the slot) until resume(). */
  pause(): void
  resume(): void
  stats(): CaptureStats
}

interface OpenTxn {
  commitLsn: Lsn
  time: bigint
  xid: number
  events: Omit<ChangeEvent, 'seq' | 'id' | 'lsn'>[]
  bytes: number
  /** Changes past the per-transaction cap: counted, not kept (see MAX_TXN_EVENTS). */
  dropped: number
}

/**
 * A transaction's changes are held until its commit. A bulk load (a million-row INSERT … SELECT) would otherwise
 * hold them all in memory; past these caps the rest are counted and reported, not delivered.
 */
const MAX_TXN_EVENTS = 20_000
const MAX_TXN_BYTES = 64 * 1024 * 1024

function replicationTarget(admin: Pool) {
  const o = admin.options
  // pg-pool keeps `password` non-enumerable: a spread would drop it.
  return { host: o.host, port: o.port, user: o.user, password: o.password, database: o.database, ssl: o.ssl }
}

export function createCaptureStream(options: CaptureOptions): CaptureStream {
  let slot = options.slot ?? DEFAULT_SLOT
  let slotNamed = options.slot !== undefined || !options.external
  const publication = options.publication ?? DEFAULT_PUBLICATION
  const history = createChangeHistory({ maxEvents: options.history?.maxEvents ?? 20_000, maxBytes: options.history?.maxBytes ?? 64 * 1024 * 1024 })
  const listeners = new Set<CaptureListener>()
  const retryMs = options.retryMs ?? 500
  const log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) =>
    options.logs.log({ category: 'realtime', level, component: 'capture', message, fields })

  let service: LogicalReplicationService | undefined
  let running = false
  let up = false
  let stopping = false
  let paused = false
  let seq = 0
  let txn: OpenTxn | undefined
  let confirmed: Lsn = 0n
  let sentConfirm: Lsn = 0n
  let confirmTimer: NodeJS.Timeout | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let failures = 0
  let transactions = 0
  let eventCount = 0
  let lastEventAt: string | null = null
  let lastError: string | null = null
  let problem: string | undefined
  /** Settles start(): streaming began, or the first attempt failed (retries go on in the background). */
  let settleStart: (() => void) | undefined

  // pgoutput sends whole transactions, so `confirmed` only moves at a commit or at an idle keepalive.
  function flushConfirm(force = false): void {
    if (confirmTimer) clearTimeout(confirmTimer)
    confirmTimer = undefined
    if (!service || (!force && confirmed <= sentConfirm) || confirmed === 0n) return
    sentConfirm = confirmed
    // The library reports lsn+1 as flushed; we want exactly `confirmed` on the wire.
    void service.acknowledge(formatLsn(confirmed - 1n)).catch(() => undefined)
  }

  function confirm(lsn: Lsn): void {
    if (lsn <= confirmed) return
    confirmed = lsn
    // Coalesce: one feedback message per 10 ms is plenty, and cheap at thousands of commits per second.
    if (!confirmTimer) confirmTimer = setTimeout(() => flushConfirm(), 10)
  }

  function changeOf(type: ChangeType, relation: Relation, record: Row | null, old: Row | null, keyOnly: boolean, bytes: number) {
    return {
      xid: txn!.xid,
      type,
      schema: relation.schema,
      table: relation.table,
      relationOid: relation.relationOid,
      record,
      old_record: old,
      oldKeyOnly: keyOnly,
      commit_timestamp: commitTimestamp(txn!.time),
      bytes,
    }
  }

  function publish(open: OpenTxn, commitEndLsn: Lsn): void {
    const lsn = formatLsn(commitEndLsn)
    const events: ChangeEvent[] = open.events.map((e, i) => ({ ...e, seq: ++seq, id: eventId(commitEndLsn, i), lsn }))
    transactions++
    if (events.length === 0) return
    eventCount += events.length
    lastEventAt = new Date().toISOString()
    for (const e of events) history.push(e)
    for (const listener of listeners) {
      try {
        listener(events)
      } catch (err) {
        log('error', `a capture listener failed: ${(err as Error).message}`)
      }
    }
  }

  function onMessage(msg: PgoutputMessage): void {
    switch (msg.tag) {
      case 'begin':
        txn = { commitLsn: msg.commitLsn, time: msg.commitTime, xid: msg.xid, events: [], bytes: 0, dropped: 0 }
        return
      case 'insert':
      case 'update':
      case 'delete':
        if (!txn) return
        if (txn.events.length >= MAX_TXN_EVENTS || txn.bytes >= MAX_TXN_BYTES) {
          txn.dropped++
          return
        }
        txn.bytes += msg.bytes
        if (msg.tag === 'insert') txn.events.push(changeOf('INSERT', msg.relation, msg.new, null, false, msg.bytes))
        else if (msg.tag === 'update') txn.events.push(changeOf('UPDATE', msg.relation, msg.new, msg.old, msg.keyOnly, msg.bytes))
        else txn.events.push(changeOf('DELETE', msg.relation, null, msg.old, msg.keyOnly, msg.bytes))
        return
      case 'truncate':
        for (const rel of msg.relations) txn?.events.push(changeOf('TRUNCATE', rel, null, null, false, 0))
        return
      case 'message':
        if (txn && msg.prefix === DDL_MESSAGE_PREFIX) {
          txn.events.push({ ...changeOf('DDL', { relationOid: 0, schema: '', table: '', replicaIdentity: 'default', columns: [] }, { command: msg.content }, null, false, 0) })
        }
        return
      case 'commit':
        if (txn?.dropped) {
          log('warn', `transaction ${txn.xid} changed ${txn.events.length + txn.dropped} rows; realtime delivers the first ${txn.events.length} and skipped ${txn.dropped} (per-transaction cap)`, { xid: txn.xid, delivered: txn.events.length, skipped: txn.dropped })
        }
        if (txn) publish(txn, msg.commitEndLsn)
        txn = undefined
        // Handed over: now PostgreSQL may forget it.
        confirm(msg.commitEndLsn)
        return
      default:
        return
    }
  }

  /** An unmet precondition: an error (once per distinct one), then a slow retry (fixing it takes a person). */
  function block(unmet: string): void {
    if (unmet !== problem) log('error', `realtime cannot start: ${unmet}`)
    problem = unmet
    scheduleRetry(unmet, 30_000)
  }

  function fail(reason: string): void {
    const unmet = preconditionOfError(reason, String(options.admin.options.user ?? ''))
    if (unmet) block(unmet)
    else scheduleRetry(reason)
  }

  function scheduleRetry(reason: string, delayMs?: number): void {
    up = false
    // Do not hold up the runtime's start (e.g. another runtime holds the slot): report down, keep trying.
    settleStart?.()
    settleStart = undefined
    txn = undefined // a half-received transaction is replayed in full after reconnecting
    if (stopping || retryTimer) return
    lastError = reason
    failures++
    const delay = delayMs ?? Math.min(retryMs * 10, retryMs * failures)
    if (delayMs === undefined && (failures === 1 || failures % 20 === 0)) log('warn', `change capture interrupted (${reason}); retrying`, { attempt: failures })
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      void connect()
    }, delay)
    retryTimer.unref?.()
  }

  async function connect(): Promise<void> {
    if (stopping) return
    try {
      if (!slotNamed) {
        slot = await slotNameForDatabase(options.admin)
        slotNamed = true
      }
      const unmet = unmetPrecondition(await readReplicationFacts(options.admin, slot))
      if (unmet) return block(unmet)
      await ensurePublication(options.admin, publication, options.external)
      const state = await ensureSlot(options.admin, slot)
      if (stopping) return // stopped while we were preparing: do not open a stream nobody will close
      if (state.lost) {
        log('error', `the realtime slot "${slot}" was invalidated (${state.lost}): it held more WAL than max_slot_wal_keep_size while nobody read it; changes made meanwhile were not delivered, and capture restarts from now`)
      }
      confirmed = state.confirmed
      sentConfirm = state.confirmed
      history.setFloor(state.confirmed, !!state.lost)
      const decode = createPgoutputDecoder()
      const svc = new LogicalReplicationService(
        {
          ...replicationTarget(options.admin),
          application_name: 'fluxbase-realtime-capture',
          // Fixed output formats, whatever the server's defaults: pg-text-values.ts parses these.
          options: '-c datestyle=ISO -c timezone=UTC -c extra_float_digits=3 -c intervalstyle=postgres -c bytea_output=hex',
        },
        { acknowledge: { auto: false, timeoutSeconds: 0 } },
      )
      service = svc
      svc.on('data', (_lsn: string, msg: PgoutputMessage) => {
        if (svc !== service) return
        try {
          onMessage(msg)
        } catch (err) {
          log('error', `could not decode a change: ${(err as Error).message}`)
          void svc.stop().then(() => scheduleRetry((err as Error).message))
        }
      })
      svc.on('heartbeat', (lsn: string, _ts: number, shouldRespond: boolean) => {
        if (svc !== service) return
        // Idle keepalive: nothing of ours lies before this position, so the slot may move on and WAL be recycled.
        if (!txn) confirm(parseLsn(lsn))
        if (shouldRespond) flushConfirm(true)
      })
      svc.on('error', (err: Error) => {
        if (svc !== service || stopping) return
        void svc.stop().catch(() => undefined)
        fail(err.message)
      })
      svc.on('start', () => {
        if (svc !== service) return
        up = true
        failures = 0
        lastError = null
        problem = undefined
        if (paused) streamOf(svc)?.pause()
        log('info', `change capture streaming from ${formatLsn(confirmed)} (slot ${slot})`)
        settleStart?.()
        settleStart = undefined
      })
      const plugin = {
        options: {},
        name: 'pgoutput',
        parse: (buf: Buffer) => decode(buf),
        start: (client: { query: (sql: string) => Promise<unknown> }, slotName: string, lastLsn: string) =>
          client.query(`START_REPLICATION SLOT "${slotName}" LOGICAL ${lastLsn} (proto_version '1', publication_names '"${publication}"', messages 'true')`),
      }
      svc
        .subscribe(plugin as never, slot, formatLsn(confirmed))
        .then(() => {
          if (svc === service && !stopping) scheduleRetry('replication stream ended')
        })
        .catch((err: Error) => {
          if (svc === service && !stopping) fail(err.message)
        })
    } catch (err) {
      fail(err instanceof SlotBusyError ? err.message : (err as Error).message)
    }
  }

  function streamOf(svc: LogicalReplicationService | undefined): { pause(): void; resume(): void } | undefined {
    // The library has no pause API; its connection's socket is the one place to apply backpressure.
    return (svc as unknown as { _connection?: { stream?: { pause(): void; resume(): void } } } | undefined)?._connection?.stream
  }

  return {
    async start(waitMs = 10_000) {
      if (running) return
      running = true
      stopping = false
      const ready = new Promise<void>((resolve) => {
        settleStart = resolve
        setTimeout(resolve, waitMs).unref?.()
      })
      void connect()
      await ready
    },
    async stop() {
      if (!running) return
      stopping = true
      running = false
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = undefined
      const svc = service
      flushConfirm()
      service = undefined
      up = false
      txn = undefined
      if (svc) {
        // The feedback above is written before the Terminate message on the same socket, so PostgreSQL sees it.
        await svc.destroy().catch(() => undefined)
        // Stopped means the slot is free again: a start() or a drop right after must not find it still active.
        if (!(await waitForSlotRelease(options.admin, slot).catch(() => true))) {
          log('warn', `the replication slot "${slot}" is still held by its walsender after the stream stopped`)
        }
      }
      settleStart?.()
      settleStart = undefined
    },
    get up() {
      return up
    },
    get problem() {
      return problem
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    history,
    pause() {
      if (paused) return
      paused = true
      streamOf(service)?.pause()
    },
    resume() {
      if (!paused) return
      paused = false
      streamOf(service)?.resume()
    },
    stats() {
      return {
        up,
        slot,
        confirmedLsn: formatLsn(confirmed),
        transactions,
        events: eventCount,
        lastEventAt,
        historySize: history.size,
        historyBytes: history.bytes,
        paused,
        lastError,
        problem: problem ?? null,
      }
    },
  }
}
