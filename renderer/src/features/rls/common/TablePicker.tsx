// features/rls/common/TablePicker.tsx — which table the simulator explains: every table and view the runtime
// knows, grouped by schema, each marked with its RLS state and policy count.
import type { ReactElement } from 'react'
import type { TableSummary } from '../../../api/rls-api'
import type { RlsTableRef } from '../../../store/rls-slice'

interface Props {
  tables: TableSummary[]
  value: RlsTableRef | null
  onChange(table: RlsTableRef | null): void
}

export function rlsBadge(t: Pick<TableSummary, 'rls_enabled' | 'policy_count' | 'kind'>): string {
  if (t.kind !== 'table') return t.kind.replace('_', ' ')
  if (!t.rls_enabled) return 'RLS off'
  return `RLS on · ${t.policy_count} ${t.policy_count === 1 ? 'policy' : 'policies'}`
}

export function TablePicker({ tables, value, onChange }: Props): ReactElement {
  const schemas = [...new Set(tables.map((t) => t.schema))]
  const key = value ? `${value.schema}.${value.table}` : ''
  return (
    <select
      className="ui-select rls-table-picker"
      aria-label="Table to explain"
      value={key}
      data-testid="rls-table-picker"
      onChange={(e) => {
        const t = tables.find((x) => `${x.schema}.${x.name}` === e.target.value)
        onChange(t ? { schema: t.schema, table: t.name } : null)
      }}
    >
      <option value="">Choose a table…</option>
      {value && !tables.some((t) => `${t.schema}.${t.name}` === key) && <option value={key}>{key}</option>}
      {schemas.map((s) => (
        <optgroup key={s} label={s}>
          {tables
            .filter((t) => t.schema === s)
            .map((t) => (
              <option key={`${t.schema}.${t.name}`} value={`${t.schema}.${t.name}`}>
                {t.schema}.{t.name} — {rlsBadge(t)}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  )
}
