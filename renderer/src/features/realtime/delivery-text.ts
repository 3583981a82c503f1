// features/realtime/delivery-text.ts — what happened to a change, in words: the counts of each decision, how many
// are still being checked, and why nobody got it when nobody did. Pure.
import type { DecisionOutcome, InspectorChange, InspectorDecision } from '../../../../contract/studio-realtime'

export type OutcomeCounts = Record<DecisionOutcome, number>

export function countOutcomes(decisions: readonly InspectorDecision[] | undefined): OutcomeCounts {
  const out: OutcomeCounts = { delivered: 0, filtered_out: 0, refused_rls: 0, dropped_slow: 0 }
  for (const d of decisions ?? []) out[d.outcome]++
  return out
}

export const OUTCOME_LABEL: Record<DecisionOutcome, string> = {
  delivered: 'received',
  filtered_out: 'filtered out',
  refused_rls: 'refused by RLS',
  dropped_slow: 'dropped (too slow)',
}

/** Short words for the list: "2 received · 1 refused by RLS", "realtime off", "no subscribers"… */
export function deliveryShort(change: InspectorChange, decisions: readonly InspectorDecision[] | undefined): string {
  switch (change.delivery) {
    case 'realtime_off':
      return 'realtime off'
    case 'event_off':
      return `${change.type} not delivered`
    case 'not_delivered':
      return change.type === 'DDL' ? 'schema change' : 'not delivered'
  }
  if (!change.decisions_recorded) return 'not recorded'
  if (change.listening === 0) return 'no subscribers'
  const counts = countOutcomes(decisions)
  const parts = (Object.keys(counts) as DecisionOutcome[]).filter((k) => counts[k]).map((k) => `${counts[k]} ${OUTCOME_LABEL[k]}`)
  const pending = change.listening - (decisions?.length ?? 0)
  if (pending > 0) parts.push(`${pending} checking`)
  return parts.join(' · ')
}

/** One sentence for the detail pane when no decision list can explain it. */
export function deliveryExplanation(change: InspectorChange): string | null {
  const name = `${change.schema}.${change.table}`
  switch (change.delivery) {
    case 'realtime_off':
      return `Realtime is off for ${name}: no client received this change.`
    case 'event_off':
      return `${name} delivers realtime events, but not ${change.type}: no client received this change.`
    case 'not_delivered':
      if (change.type === 'DDL') return 'A schema change (DDL). Clients receive nothing; realtime re-reads policies and grants from the next change on.'
      if (change.type === 'TRUNCATE') return 'TRUNCATE is never sent to realtime clients.'
      return "A change to realtime's own table registry: it takes effect from the next change on."
  }
  if (!change.decisions_recorded) return 'Who received this change is no longer recorded: the runtime keeps the deliveries of its recent changes only (or it was captured before the runtime restarted).'
  if (change.listening === 0) return `No subscription was listening to ${change.type} on ${name} when this change was captured.`
  return null
}
