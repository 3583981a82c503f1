// features/realtime/Badges.tsx — the inspector's small coloured labels: a change's event type and a delivery
// decision's outcome, the same colours everywhere (stream, detail, listen columns).
import type { ReactElement } from 'react'
import type { DecisionOutcome } from '../../../../contract/studio-realtime'
import { OUTCOME_LABEL } from './delivery-text'

export function TypeBadge({ type }: { type: string }): ReactElement {
  return <span className={`rt-type rt-type--${type.toLowerCase()}`}>{type}</span>
}

export function OutcomeBadge({ outcome }: { outcome: DecisionOutcome }): ReactElement {
  return <span className={`rt-outcome rt-outcome--${outcome}`}>{OUTCOME_LABEL[outcome]}</span>
}
