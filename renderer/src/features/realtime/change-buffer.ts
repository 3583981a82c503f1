// features/realtime/change-buffer.ts — the inspector's memory of the stream: the newest MAX_BUFFERED changes (older
// ones counted as dropped, never silently lost), and the delivery decisions that belong to them. Pure: the slice
// calls mergeBatch for every batch the stream brings.
import type { InspectorBatch, InspectorChange, InspectorDecision } from '../../../../contract/studio-realtime'

export const MAX_BUFFERED = 10_000

export interface ChangeBuffer {
  changes: InspectorChange[]
  /** Decisions by change id, each list in arrival order. */
  decisions: Map<string, InspectorDecision[]>
  /** Changes that fell off the buffer or that the runtime could not send us. */
  dropped: number
  /** Holes the runtime reported (changes after a reconnect it no longer held). */
  gaps: number
  /** The newest change id seen: resume point, and the guard against a change arriving twice. */
  lastId: string | null
}

export const EMPTY_BUFFER: ChangeBuffer = { changes: [], decisions: new Map(), dropped: 0, gaps: 0, lastId: null }

/** `added` = how many of the batch's changes were new. */
export function mergeBatch(buffer: ChangeBuffer, batch: InspectorBatch, max = MAX_BUFFERED): { buffer: ChangeBuffer; added: number } {
  let lastId = buffer.lastId
  const fresh: InspectorChange[] = []
  for (const c of batch.changes) {
    // Ids follow the WAL: anything at or before the newest we hold is a repeat (a replay overlapping a reconnect).
    if (lastId !== null && c.id <= lastId) continue
    fresh.push(c)
    lastId = c.id
  }
  let changes = buffer.changes
  let dropped = buffer.dropped + (batch.dropped ?? 0)
  let decisions = buffer.decisions
  if (fresh.length) {
    changes = changes.concat(fresh)
    if (changes.length > max) {
      const over = changes.length - max
      decisions = new Map(decisions)
      for (let i = 0; i < over; i++) decisions.delete(changes[i].id)
      changes = changes.slice(over)
      dropped += over
    }
  }
  if (batch.decisions.length) {
    if (decisions === buffer.decisions) decisions = new Map(decisions)
    const oldest = changes.length ? changes[0].id : null
    for (const d of batch.decisions) {
      // About a change already dropped: nothing left to attach it to.
      if (oldest === null || d.event_id < oldest) continue
      const list = decisions.get(d.event_id)
      if (list?.some((x) => x.subscription_id === d.subscription_id)) continue
      decisions.set(d.event_id, list ? [...list, d] : [d])
    }
  }
  return { buffer: { changes, decisions, dropped, gaps: buffer.gaps + (batch.gap ? 1 : 0), lastId }, added: fresh.length }
}
