// realtime/fan-out.ts — capture stream → subscribers. For each batch of committed changes, in commit order: apply
// registry and DDL marks, match subscriptions (table, event), check access once per distinct identity and table
// (rls-checker.ts, batched), apply each subscription's filter to the rows it may see, then send one frame per
// connection per change. Every decision is counted.
import type { Identity } from '../identity.js'
import type { LogBus } from '../logs/log-bus.js'
import type { ChangeEvent } from './change-event.js'
import { changePayload, filterRow, type ChangePayload } from './change-payload.js'
import type { CaptureStream } from './capture-stream.js'
import type { DecisionOutcome, DecisionStream } from './delivery-decisions.js'
import type { PolicyCatalog } from './policy-catalog.js'
import type { RlsChecker } from './rls-checker.js'
import type { RegistryEntry, SchemaRegistry } from './schema-registry.js'
import { encodeChange, type EncodedChange, type Sink, type Subscription, type Subscriptions } from './subscriptions.js'

export interface FanOutOptions {
  capture: CaptureStream
  registry: SchemaRegistry
  subscriptions: Subscriptions
  checker: RlsChecker
  catalog: PolicyCatalog
  decisions: DecisionStream
  logs: LogBus
  /** Past this many queued changes the capture stream is paused (PostgreSQL keeps the rest in the slot). */
  highWater?: number
  maxBatch?: number
  /** Batches whose access checks may be out at once (deliveries stay in order). */
  maxInFlight?: number
}

// Claims that change with every token of the same session and that no policy reads: leaving them out of the key
// lets sockets of one user share one check even when their tokens were minted at different times.
const VOLATILE_CLAIMS = new Set(['exp', 'iat', 'nbf'])
const keyCache = new WeakMap<Identity, string>()
const OVERLAP_MIN_BATCH = 16

export function identityKey(identity: Identity): string {
  let key = keyCache.get(identity)
  if (key === undefined) {
    const claims = Object.keys(identity.claims)
      .filter((k) => !VOLATILE_CLAIMS.has(k))
      .sort()
      .map((k) => [k, identity.claims[k]])
    key = `${identity.dbRole}|${JSON.stringify(claims)}`
    keyCache.set(identity, key)
  }
  return key
}

interface Work {
  event: ChangeEvent
  counters: Record<DecisionOutcome, number>
  payload: ChangePayload
  row?: ReturnType<typeof filterRow>
  matched: { sub: Subscription; identity: Identity; key: string }[]
  encoded?: EncodedChange
}

export function createFanOut(options: FanOutOptions) {
  const { capture, registry, subscriptions, checker, catalog, decisions } = options
  const highWater = options.highWater ?? 50_000
  const maxBatch = options.maxBatch ?? 5_000
  const maxInFlight = options.maxInFlight ?? 3
  let queue: ChangeEvent[] = []
  let inFlight = 0
  let chain: Promise<void> = Promise.resolve()
  let paused = false
  let unsubscribe: (() => void) | undefined
  let batches = 0
  let checksRun = 0

  function decide(w: { event: ChangeEvent; counters: Record<DecisionOutcome, number> }, sub: Subscription, identity: Identity, outcome: DecisionOutcome, extra?: { frame?: boolean; reason?: string }): void {
    decisions.count(w.counters, outcome)
    if (!decisions.observed) return
    decisions.publish({
      at: new Date().toISOString(),
      event_id: w.event.id,
      seq: w.event.seq,
      schema: w.event.schema,
      table: w.event.table,
      type: w.event.type,
      subscription_id: sub.id,
      connection_id: sub.sink.id,
      transport: sub.sink.transport,
      role: identity.appRole,
      user_id: identity.userId,
      outcome,
      ...extra,
    })
  }

  /** Table and event; what is left still needs the access check, then the filter (deliver()). */
  function match(event: ChangeEvent, entry: RegistryEntry, subs: Iterable<Subscription>): Work {
    const payload = changePayload(event, entry.excluded_columns)
    const w: Work = { event, counters: decisions.tableCounters(event.schema, event.table), payload, matched: [] }
    for (const sub of subs) {
      if (sub.event !== '*' && sub.event !== event.type) continue
      const identity = sub.sink.identity
      w.matched.push({ sub, identity, key: identityKey(identity) })
    }
    return w
  }

  /** One check per distinct identity over all the batch's changes it is a candidate for. */
  async function check(work: Work[]): Promise<Map<string, Map<ChangeEvent, boolean>>> {
    const groups = new Map<string, { identity: Identity; events: ChangeEvent[]; seen: Set<ChangeEvent> }>()
    for (const w of work) {
      for (const m of w.matched) {
        if (m.identity.dbRole === 'service_role') continue
        let g = groups.get(m.key)
        if (!g) groups.set(m.key, (g = { identity: m.identity, events: [], seen: new Set() }))
        if (!g.seen.has(w.event)) {
          g.seen.add(w.event)
          g.events.push(w.event)
        }
      }
    }
    const verdicts = new Map<string, Map<ChangeEvent, boolean>>()
    if (groups.size === 0) return verdicts
    checksRun += groups.size
    const list = [...groups]
    const answers = await checker.visible(list.map(([, g]) => ({ identity: g.identity, events: g.events })))
    list.forEach(([key, g], k) => {
      const map = new Map<ChangeEvent, boolean>()
      g.events.forEach((e, i) => map.set(e, answers[k][i]))
      verdicts.set(key, map)
    })
    return verdicts
  }

  function deliver(work: Work[], verdicts: Map<string, Map<ChangeEvent, boolean>>, only?: { sink: Sink; send: Sink['sendChange'] }): void {
    for (const w of work) {
      const sent = new Set<Sink>()
      for (const m of w.matched) {
        const allowed = m.identity.dbRole === 'service_role' || verdicts.get(m.key)?.get(w.event) === true
        if (!allowed) {
          decide(w, m.sub, m.identity, 'refused_rls')
          continue
        }
        // The filter runs only on rows the subscriber may see: its cost and outcome say nothing about other rows.
        const filter = m.sub.filter
        if (filter && !filter.test((w.row ??= filterRow(w.payload)))) {
          decide(w, m.sub, m.identity, 'filtered_out', decisions.observed ? { reason: `${filter.column}=${filter.op}.${filter.value}` } : undefined)
          continue
        }
        const sink = m.sub.sink
        if (only && sink !== only.sink) continue
        if (sent.has(sink)) {
          // The SDK routes frames to its callbacks itself: a second frame would call them twice.
          m.sub.sent = (m.sub.sent ?? 0) + 1
          decide(w, m.sub, m.identity, 'delivered', { frame: false })
          continue
        }
        sent.add(sink)
        w.encoded ??= encodeChange(JSON.stringify(w.payload))
        if (only ? only.send(w.event, w.encoded) : sink.sendChange(w.event, w.encoded)) {
          decisions.frameSent()
          m.sub.sent = (m.sub.sent ?? 0) + 1
          decide(w, m.sub, m.identity, 'delivered', { frame: true })
        } else decide(w, m.sub, m.identity, 'dropped_slow')
      }
    }
  }

  /** Registry and DDL marks apply at their place in commit order; what is left is matched, still unchecked. */
  function matchBatch(batch: ChangeEvent[]): Work[] {
    batches++
    const work: Work[] = []
    for (const event of batch) {
      if (registry.applyChange(event)) continue
      if (event.type === 'DDL') {
        catalog.invalidate()
        continue
      }
      if (event.type === 'TRUNCATE') continue
      const entry = registry.enabled(event.schema, event.table)
      if (!entry || !(entry.events as string[]).includes(event.type)) continue
      const subs = subscriptions.forTable(event.schema, event.table)
      if (!subs || subs.size === 0) continue
      const w = match(event, entry, subs)
      if (w.matched.length) work.push(w)
    }
    return work
  }

  function fail(err: unknown): void {
    options.logs.log({ category: 'realtime', level: 'error', component: 'fan-out', message: `fan-out failed for a batch: ${(err as Error).message}` })
  }

  // Batches are pipelined: the next batch's checks start while an earlier one's are still out (on another pooled
  // connection), but deliveries are chained, so every connection still gets changes in commit order.
  function pump(): void {
    while (queue.length && inFlight < maxInFlight) {
      // With a batch already out, let a few changes gather first: on a starved machine more, smaller batches
      // would only multiply the per-identity work in PostgreSQL.
      if (inFlight > 0 && queue.length < OVERLAP_MIN_BATCH) break
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch)
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch)
      if (paused && queue.length < highWater / 4) {
        paused = false
        capture.resume()
      }
      let work: Work[]
      try {
        work = matchBatch(batch)
      } catch (err) {
        fail(err)
        continue
      }
      if (!work.length) continue
      inFlight++
      const verdicts = check(work)
      verdicts.catch(() => undefined)
      chain = chain
        .then(() => verdicts)
        .then((v) => deliver(work, v))
        .catch(fail)
        .finally(() => {
          inFlight--
          pump()
        })
    }
  }

  function onEvents(events: ChangeEvent[]): void {
    for (const e of events) queue.push(e)
    if (!paused && queue.length > highWater) {
      paused = true
      capture.pause()
    }
    pump()
  }

  return {
    start(): void {
      unsubscribe ??= capture.subscribe(onEvents)
    },
    async stop(): Promise<void> {
      unsubscribe?.()
      unsubscribe = undefined
      queue = []
      await chain
    },
    /**
     * Sends `events` (e.g. an SSE resume from history) to one subscription through the same checks, via `send`
     * (the sink holds live changes back meanwhile). The registry is today's: a resumed client sees what it may now.
     */
    async replay(sub: Subscription, events: ChangeEvent[], send: Sink['sendChange']): Promise<void> {
      const work: Work[] = []
      for (const event of events) {
        const entry = registry.enabled(event.schema, event.table)
        if (!entry || event.schema !== sub.schema || event.table !== sub.table || !(entry.events as string[]).includes(event.type)) continue
        const w = match(event, entry, [sub])
        if (w.matched.length) work.push(w)
      }
      if (!work.length) return
      deliver(work, await check(work), { sink: sub.sink, send })
    },
    stats() {
      return { queued: queue.length, in_flight: inFlight, paused, batches, checks: checksRun }
    },
  }
}

export type FanOut = ReturnType<typeof createFanOut>
