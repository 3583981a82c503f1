// renderer/src/features/status/DatabaseBadge.tsx — whether PostgreSQL answers, as the runtime last
// saw it; "unknown" while the runtime itself is out of reach, since its last word may be stale.
import type { ReactElement } from 'react'
import { useStudioStore } from '../../store'

export function DatabaseBadge(): ReactElement {
  const database = useStudioStore((s) => s.status?.database)
  const online = useStudioStore((s) => s.phase === 'online')
  const state = !online || database === undefined ? 'unknown' : database
  const text = state === 'up' ? 'Up' : state === 'down' ? 'Down' : 'Unknown'
  return (
    <span className={`badge badge--${state}`} data-testid="database-state">
      <span className="badge__dot" aria-hidden="true" />
      {text}
    </span>
  )
}
