// features/rls/TableOverview.tsx — when no table is chosen: every table with its RLS state, to pick one to
// explain (tables with RLS on first within each schema).
import { Badge } from '../../components/ui'
import type { ReactElement } from 'react'
import type { TableSummary } from '../../api/rls-api'
import { useStudioStore } from '../../store'
import { rlsBadge } from './common/TablePicker'

const SYSTEM = new Set(['auth', 'storage', 'realtime', 'rpc', 'logging', 'jobs', 'functions'])

export function TableOverview({ tables }: { tables: TableSummary[] }): ReactElement {
  const openTable = useStudioStore((s) => s.openRlsTable)
  const user = tables.filter((t) => !SYSTEM.has(t.schema))
  const list = user.length ? user : tables
  if (!list.length) return <p className="rls-empty-line">No tables yet. Create one (Tables or the SQL console), or load the guide’s example above.</p>
  return (
    <section className="rls-section">
      <h3 className="rls-section__title">Pick a table to explain</h3>
      <ul className="rls-tables">
        {list.map((t) => (
          <li key={`${t.schema}.${t.name}`}>
            <button type="button" className="rls-tables__item" onClick={() => openTable({ schema: t.schema, table: t.name }, 'explain')}>
              <span className="rls-tables__name">
                {t.schema}.{t.name}
              </span>
              <Badge tone={t.kind === 'table' && !t.rls_enabled ? 'danger' : 'neutral'}>{rlsBadge(t)}</Badge>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
