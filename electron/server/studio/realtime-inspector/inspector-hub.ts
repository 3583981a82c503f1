// studio/realtime-inspector/inspector-hub.ts — records what realtime did and feeds the studio's inspector streams.
// It watches the capture stream (every change in every schema) and the fan-out's decision stream for as long as the
// runtime runs — not only while an inspector is open — so "who got this change and why" can be asked afterwards
// (a bounded history: MAX_KEPT_DECISIONS decisions, for the changes the capture history still holds). Batches for
// open streams are built only while at least one is open.
import type { ChangeEvent } from '../../realtime/change-event.js'
import type { DeliveryDecision } from '../../realtime/delivery-decisions.js'
import type { RealtimeService } from '../../realtime/realtime-service.js'
import type { Identity } from '../../identity.js'
import type { InspectorBatch, InspectorChange, InspectorDecision, InspectorIdentity } from '../../../../contract/studio-realtime.js'
import { inspectorChange, inspectorIdentity } from './inspector-change.js'

export interface InspectorClient {
  /** One batch, serialised once for every client; `lastId` is the newest change id in it (the SSE id). */
  send(json: string, lastId: string | undefined, changeCount: number): void
}

/** Decisions kept for replays (a reconnecting studio gets them with the changes they belong to). */
const MAX_KEPT_DECISIONS = 50_000
/** A batch goes out after this long, or sooner when it reaches MAX_BATCH changes. */
const FLUSH_MS = 40
const MAX_BATCH = 1000
/** At most this many changes in a replay (the studio keeps 10,000). */
export const MAX_REPLAY = 10_000

export function createInspectorHub(rt: RealtimeService) {
  const clients = new Set<InspectorClient>()
  /** The inspector's view of each change, made at capture time (what realtime could do with it then). */
  const captured = new WeakMap<ChangeEvent, InspectorChange>()
  const kept = new Map<string, InspectorDecision[]>()
  let keptCount = 0
  const identities = new WeakMap<Identity, InspectorIdentity>()
  let changes: InspectorChange[] = []
  let decisions: InspectorDecision[] = []
  let pendingMinSeq = Infinity
  let timer: NodeJS.Timeout | undefined
  let unwatch: (() => void) | undefined

  function identityOf(identity: Identity): InspectorIdentity {
    let out = identities.get(identity)
    if (!out) identities.set(identity, (out = inspectorIdentity(identity)))
    return out
  }

  function keep(d: InspectorDecision): void {
    let list = kept.get(d.event_id)
    if (!list) kept.set(d.event_id, (list = []))
    list.push(d)
    if (++keptCount <= MAX_KEPT_DECISIONS) return
    // Oldest events first (Map order is insertion order).
    for (const [id, old] of kept) {
      if (keptCount <= MAX_KEPT_DECISIONS * 0.9) break
      kept.delete(id)
      keptCount -= old.length
    }
  }

  function onDecision(d: DeliveryDecision): void {
    const sub = rt.subscriptions.get(d.subscription_id)
    // The socket may have switched tokens since: trust the live identity only if it is still the one decided for.
    const live = sub && sub.sink.identity.appRole === d.role && sub.sink.identity.userId === d.user_id ? sub.sink.identity : undefined
    const identity = live
      ? identityOf(live)
      : { role: d.role, user_id: d.user_id, label: d.user_id ?? d.role, claims: { role: d.role, ...(d.user_id ? { sub: d.user_id } : {}) } }
    const out: InspectorDecision = {
      event_id: d.event_id,
      at: d.at,
      subscription_id: d.subscription_id,
      connection_id: d.connection_id,
      transport: d.transport,
      outcome: d.outcome,
      identity,
    }
    if (d.frame !== undefined) out.frame = d.frame
    if (d.reason) out.reason = d.reason
    if (sub?.channel) out.channel = sub.channel
    if (sub?.filter) out.filter = `${sub.filter.column}=${sub.filter.op}.${sub.filter.value}`
    keep(out)
    if (!clients.size) return
    decisions.push(out)
    schedule()
  }

  function onEvents(events: ChangeEvent[]): void {
    for (const e of events) {
      const change = inspectorChange(e, rt.registry, rt.subscriptions, true)
      captured.set(e, change)
      if (!clients.size) continue
      if (e.seq < pendingMinSeq) pendingMinSeq = e.seq
      changes.push(change)
      if (changes.length >= MAX_BATCH) flush()
    }
    if (clients.size) schedule()
  }

  function schedule(): void {
    timer ??= setTimeout(flush, FLUSH_MS)
  }

  function flush(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!changes.length && !decisions.length) return
    const batch: InspectorBatch = { changes, decisions }
    const lastId = changes.length ? changes[changes.length - 1].id : undefined
    const count = changes.length
    changes = []
    decisions = []
    pendingMinSeq = Infinity
    const json = JSON.stringify(batch)
    for (const c of clients) c.send(json, lastId, count)
  }

  function watch(): void {
    // Changes before decisions: the fan-out subscribed to the capture stream first, so a change's synchronous
    // decisions (filtered out) arrive before the change itself; the batch puts them after it anyway.
    const offCapture = rt.capture.subscribe(onEvents)
    const offDecisions = rt.decisions.subscribe(onDecision)
    unwatch = () => {
      offCapture()
      offDecisions()
    }
  }

  return {
    add(client: InspectorClient): void {
      clients.add(client)
      if (!unwatch) watch()
    },
    remove(client: InspectorClient): void {
      clients.delete(client)
      // The last stream closing sends what was pending; recording goes on.
      if (!clients.size) flush()
    },
    /**
     * What a client gets first: the changes after `lastEventId` (a reconnect), or the newest `count`. Changes still
     * waiting for the next batch are left to it, so nothing arrives twice in a row.
     */
    replay(lastEventId: string | undefined, count: number): InspectorBatch {
      const history = rt.capture.history
      let events: ChangeEvent[]
      let gap = false
      if (lastEventId) {
        const r = history.since(lastEventId)
        events = r.events
        gap = !r.complete
      } else events = count > 0 ? history.recent(Math.min(count, MAX_REPLAY)) : []
      events = events.filter((e) => e.seq < pendingMinSeq)
      if (events.length > MAX_REPLAY) {
        events = events.slice(-MAX_REPLAY)
        gap = true
      }
      const out: InspectorBatch = { changes: [], decisions: [], replay: true }
      for (const e of events) {
        const change = captured.get(e)
        if (!change) {
          // Captured while nobody watched: what realtime did with it was not recorded.
          out.changes.push({ ...inspectorChange(e, rt.registry, rt.subscriptions, false), listening: 0 })
          continue
        }
        out.changes.push(change)
        const ds = kept.get(e.id)
        if (ds) out.decisions.push(...ds)
      }
      if (gap) out.gap = true
      return out
    },
    /** Starts recording (idempotent). */
    record(): void {
      if (!unwatch) watch()
    },
    get watching(): boolean {
      return !!unwatch
    },
    get clients(): number {
      return clients.size
    },
    stop(): void {
      if (timer) clearTimeout(timer)
      timer = undefined
      clients.clear()
      unwatch?.()
      unwatch = undefined
    },
  }
}

export type InspectorHub = ReturnType<typeof createInspectorHub>

const hubs = new WeakMap<RealtimeService, InspectorHub>()

/** The runtime's one hub, recording from the moment it is first asked for (the routes ask at registration). */
export function inspectorHub(rt: RealtimeService): InspectorHub {
  let hub = hubs.get(rt)
  if (!hub) {
    const created = createInspectorHub(rt)
    hub = created
    hubs.set(rt, created)
    rt.ctx.onStop(() => created.stop())
    created.record()
  }
  return hub
}
