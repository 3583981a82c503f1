// renderer/src/features/overview/TypesFileCard.tsx — on the Overview, when the runtime keeps the app's TypeScript
// types file current (--types-out): where the file is and when it was last written, or why the last write failed.
import type { ReactElement } from 'react'
import { CopyButton } from '../../components/CopyButton'
import { CardHeader } from '../../components/CardHeader'
import { Icon } from '../../components/Icon'
import { useStudioStore } from '../../store'
import { FactRow } from '../status/FactRow'
import { formatStartedAt } from '../status/format'

export function TypesFileCard(): ReactElement | null {
  const path = useStudioStore((s) => s.status?.typesFile?.path)
  const writtenAt = useStudioStore((s) => s.status?.typesFile?.writtenAt)
  const error = useStudioStore((s) => s.status?.typesFile?.error)
  if (path === undefined) return null
  return (
    <section className="card card--types-file" aria-labelledby="types-file-title" data-testid="types-file">
      <CardHeader icon="plug" titleId="types-file-title" title="Types file" subtitle="Your app's database types, rewritten when the schema changes." />
      <dl className="card__body facts">
        <FactRow label="File" stacked>
          <span className="fact__path">
            <span className="fact__value fact__value--mono" title={path} data-testid="types-file-path">
              {path}
            </span>
            <CopyButton value={path} label="types file path" />
          </span>
        </FactRow>
        <FactRow label="Last written">
          <span className="fact__value" data-testid="types-file-written">
            {writtenAt ? formatStartedAt(writtenAt) : 'not yet'}
          </span>
        </FactRow>
        {error && (
          <FactRow label="Last attempt">
            <span className="fact__value" role="alert">
              <Icon name="alert" /> {error}
            </span>
          </FactRow>
        )}
      </dl>
    </section>
  )
}
