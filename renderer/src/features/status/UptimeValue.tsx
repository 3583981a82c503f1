// renderer/src/features/status/UptimeValue.tsx — the runtime's uptime, ticking every second between
// polls: the last reported figure plus the time since it arrived. Frozen while out of touch.
import type { ReactElement } from 'react'
import { Skeleton } from '../../components/Skeleton'
import { useNow } from '../../components/use-now'
import { useStudioStore } from '../../store'
import { formatUptime } from './format'

export function UptimeValue(): ReactElement {
  const uptimeSeconds = useStudioStore((s) => s.status?.uptimeSeconds)
  const receivedAt = useStudioStore((s) => s.statusReceivedAt)
  const online = useStudioStore((s) => s.phase === 'online')
  const now = useNow(1_000, online)
  if (uptimeSeconds === undefined || receivedAt === null) return <Skeleton width="5rem" />
  const elapsed = online ? Math.max(0, (now - receivedAt) / 1000) : 0
  return (
    <span className="fact__value tabular" data-testid="uptime" data-stale={!online || undefined}>
      {formatUptime(uptimeSeconds + elapsed)}
    </span>
  )
}
