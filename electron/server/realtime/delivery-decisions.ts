// realtime/delivery-decisions.ts — every fan-out decision (delivered, filtered out, refused by RLS, dropped because
// the consumer was too slow), counted for GET /api/v1/realtime/stats and published on an internal stream the
// studio's realtime inspector reads. Building a decision object costs only while someone listens.
export type DecisionOutcome = 'delivered' | 'filtered_out' | 'refused_rls' | 'dropped_slow'

export interface DeliveryDecision {
  at: string
  event_id: string
  seq: number
  schema: string
  table: string
  type: string
  subscription_id: string
  connection_id: string
  transport: 'ws' | 'sse'
  role: string
  user_id: string | null
  outcome: DecisionOutcome
  /** For `delivered`: false when another subscription of the same connection already carried this event's frame. */
  frame?: boolean
  reason?: string
}

export type DecisionListener = (decision: DeliveryDecision) => void

export function createDecisionStream() {
  const listeners = new Set<DecisionListener>()
  const totals: Record<DecisionOutcome, number> = { delivered: 0, filtered_out: 0, refused_rls: 0, dropped_slow: 0 }
  const byTable = new Map<string, Record<DecisionOutcome, number>>()
  let frames = 0

  return {
    /** True when building decision objects is worth it. */
    get observed(): boolean {
      return listeners.size > 0
    },
    /** The per-table counters, fetched once per change rather than once per decision (the hot path). */
    tableCounters(schema: string, table: string): Record<DecisionOutcome, number> {
      const key = `${schema}.${table}`
      let t = byTable.get(key)
      if (!t) byTable.set(key, (t = { delivered: 0, filtered_out: 0, refused_rls: 0, dropped_slow: 0 }))
      return t
    },
    count(counters: Record<DecisionOutcome, number>, outcome: DecisionOutcome): void {
      totals[outcome]++
      counters[outcome]++
    },
    frameSent(): void {
      frames++
    },
    publish(decision: DeliveryDecision): void {
      for (const listener of listeners) {
        try {
          listener(decision)
        } catch {
          // An observer must never break delivery.
        }
      }
    },
    subscribe(listener: DecisionListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    snapshot() {
      return { ...totals, frames, by_table: Object.fromEntries(byTable) }
    },
  }
}

export type DecisionStream = ReturnType<typeof createDecisionStream>
