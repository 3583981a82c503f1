// renderer/src/features/status/RuntimeCard.tsx — the card about the stack itself: database state,
// PostgreSQL version, uptime, memory and where the data lives.
import type { ReactElement } from 'react'
import { CopyButton } from '../../components/CopyButton'
import { CardHeader } from '../../components/CardHeader'
import { useStudioStore } from '../../store'
import { DatabaseBadge } from './DatabaseBadge'
import { FactRow } from './FactRow'
import { formatBytes, formatStartedAt } from './format'
import { StatusText } from './StatusText'
import { UptimeValue } from './UptimeValue'

export function RuntimeCard(): ReactElement {
  return (
    <section className="card card--runtime" aria-labelledby="runtime-title">
      <CardHeader icon="database" titleId="runtime-title" title="Runtime" subtitle="Embedded PostgreSQL and the API." />
      <dl className="card__body facts">
        <FactRow label="Database">
          <DatabaseBadge />
        </FactRow>
        <FactRow label="PostgreSQL" testId="postgres-version">
          <StatusText select={(s) => s.status?.postgresVersion} testId="postgres-version-value" />
        </FactRow>
        <FactRow label="Uptime">
          <UptimeValue />
        </FactRow>
        <FactRow label="Started">
          <StatusText select={(s) => s.status?.startedAt} format={(iso) => formatStartedAt(iso)} />
        </FactRow>
        <MemoryFact />
        <DataDirFact />
      </dl>
    </section>
  )
}

/** Only runtimes that report their memory get the row. */
function MemoryFact(): ReactElement | null {
  const reported = useStudioStore((s) => s.status?.memoryRssBytes !== undefined)
  if (!reported) return null
  return (
    <FactRow label="Runtime memory">
      <StatusText select={(s) => s.status?.memoryRssBytes} format={formatBytes} />
    </FactRow>
  )
}

function DataDirFact(): ReactElement | null {
  const dataDir = useStudioStore((s) => s.status?.dataDir)
  if (dataDir === undefined) return null
  return (
    <FactRow label="Data folder" stacked>
      <span className="fact__path">
        <StatusText select={(s) => s.status?.dataDir} mono />
        <CopyButton value={dataDir} label="data folder" />
      </span>
    </FactRow>
  )
}
