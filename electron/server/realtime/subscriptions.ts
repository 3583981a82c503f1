// realtime/subscriptions.ts — who listens to which table: subscriptions indexed by table, each bound to a sink (one
// WebSocket or SSE stream). Sinks carry the identity, which an access_token frame may change at any time.
import type { Identity } from '../identity.js'
import type { ChangeEvent } from './change-event.js'
import type { RowFilter } from './realtime-filter.js'
import { tableKey, type RowEvent } from './schema-registry.js'

/** One change, serialised once for every sink that gets it: the payload JSON, and the WebSocket frame as bytes. */
export interface EncodedChange {
  readonly json: string
  wsFrame(): Buffer
}

export function encodeChange(json: string): EncodedChange {
  let frame: Buffer | undefined
  return {
    json,
    wsFrame: () => (frame ??= Buffer.from(`{"type":"postgres_changes","payload":${json}}`)),
  }
}

export interface Sink {
  readonly id: string
  readonly transport: 'ws' | 'sse'
  identity: Identity
  /** Sends one change; false when the sink is gone (closed, or cut off for being too slow). */
  sendChange(event: ChangeEvent, change: EncodedChange): boolean
}

export interface Subscription {
  id: string
  sink: Sink
  schema: string
  table: string
  event: RowEvent | '*'
  filter?: RowFilter
  channel?: string
  /** When it was added, and how many changes it has been delivered (read by the studio's realtime inspector). */
  since?: string
  sent?: number
}

export function createSubscriptions() {
  const byTable = new Map<string, Set<Subscription>>()
  const byId = new Map<string, Subscription>()

  return {
    add(sub: Subscription): void {
      sub.since ??= new Date().toISOString()
      sub.sent ??= 0
      byId.set(sub.id, sub)
      const key = tableKey(sub.schema, sub.table)
      let set = byTable.get(key)
      if (!set) byTable.set(key, (set = new Set()))
      set.add(sub)
    },
    remove(id: string): Subscription | undefined {
      const sub = byId.get(id)
      if (!sub) return undefined
      byId.delete(id)
      const key = tableKey(sub.schema, sub.table)
      const set = byTable.get(key)
      set?.delete(sub)
      if (set && set.size === 0) byTable.delete(key)
      return sub
    },
    removeSink(sink: Sink): void {
      for (const sub of [...byId.values()]) if (sub.sink === sink) this.remove(sub.id)
    },
    get(id: string): Subscription | undefined {
      return byId.get(id)
    },
    forTable(schema: string, table: string): Set<Subscription> | undefined {
      return byTable.get(tableKey(schema, table))
    },
    all(): Subscription[] {
      return [...byId.values()]
    },
    get size() {
      return byId.size
    },
  }
}

export type Subscriptions = ReturnType<typeof createSubscriptions>
