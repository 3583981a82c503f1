// features/realtime/Badges.tsx — the inspector's small coloured labels: a change's event type and a delivery
// decision's outcome, the same colours everywhere (stream, detail, listen columns).
import type { ReactElement } from 'react'
import { Badge, type Tone } from '../../components/ui'
import type { DecisionOutcome } from '../../../../contract/studio-realtime'
import { OUTCOME_LABEL } from './delivery-text'

const TYPE_TONE: Record<string, Tone> = { insert: 'ok', presence: 'ok', update: 'accent', broadcast: 'accent', delete: 'danger', truncate: 'warn' }
const OUTCOME_TONE: Record<DecisionOutcome, Tone> = { delivered: 'ok', refused_rls: 'danger', dropped_slow: 'danger', filtered_out: 'warn' }

export function TypeBadge({ type }: { type: string }): ReactElement {
  return <Badge tone={TYPE_TONE[type.toLowerCase()] ?? 'neutral'}>{type}</Badge>
}

export function OutcomeBadge({ outcome }: { outcome: DecisionOutcome }): ReactElement {
  return (
    <Badge size="md" tone={OUTCOME_TONE[outcome] ?? 'neutral'}>
      {OUTCOME_LABEL[outcome]}
    </Badge>
  )
}
