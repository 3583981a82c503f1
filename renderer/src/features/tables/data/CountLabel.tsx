// features/tables/data/CountLabel.tsx — how many rows the current filter matches: exact when known for free (small
// tables, the last page), otherwise the planner's estimate marked ≈, with "Count exactly" to run count(*) on request.
import { useState, type ReactElement } from 'react'
import { countRows } from '../../../api/tables-api'
import type { QueryParam } from '../lib/rest-query'
import { errorWords } from '../ui/ErrorNote'
import { formatCount } from '../ui/format'

export function CountLabel({ schema, table, filters, total, exact, onExact }: { schema: string; table: string; filters: QueryParam[]; total: number | undefined; exact: boolean; onExact: (n: number) => void }): ReactElement {
  const [counting, setCounting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (total === undefined) return <span className="tb-count">counting…</span>
  const count = async (): Promise<void> => {
    setCounting(true)
    setError(null)
    try {
      onExact(await countRows(schema, table, filters, 'exact'))
    } catch (err) {
      setError(errorWords(err).message)
    } finally {
      setCounting(false)
    }
  }
  return (
    <span className="tb-count" data-testid="row-count">
      <span title={exact ? 'Exact count' : 'Planner estimate (no count(*) was run): click “Count exactly” for the precise figure'}>
        {exact ? '' : '≈ '}
        {formatCount(total)} row{total === 1 ? '' : 's'}
        {filters.length ? ' match' : ''}
      </span>
      {!exact && (
        <button type="button" className="tb-link" onClick={() => void count()} disabled={counting} title="Runs count(*) with the current filter, as the current identity: on a big table this scans it">
          {counting ? 'counting…' : 'Count exactly'}
        </button>
      )}
      {error && <span className="tb-warn">{error}</span>}
    </span>
  )
}
