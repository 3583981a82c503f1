// renderer/src/features/status/ConnectionPill.tsx — the header's one-glance answer to "is the studio
// in touch with its runtime?".
import type { ReactElement } from 'react'
import { useStudioStore } from '../../store'
import type { ConnectionPhase } from '../../store/connection-slice'

const LABELS: Record<ConnectionPhase, string> = {
  'no-token': 'No access token',
  connecting: 'Connecting…',
  online: 'Connected',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Token not accepted',
}

export function ConnectionPill(): ReactElement {
  const phase = useStudioStore((s) => s.phase)
  return (
    <span className={`pill pill--${phase}`} role="status" data-testid="connection-state" data-phase={phase}>
      <span className="pill__dot" aria-hidden="true" />
      {LABELS[phase]}
    </span>
  )
}
