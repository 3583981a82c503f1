// features/rls/explain/ExplainGrid.tsx — the rows of the table as the identity meets them: one column per
// policy that takes part (its value for that row), PostgreSQL's verdict, and for hidden rows (greyed, when shown)
// the reason in one line. Clicking a row opens its full explanation underneath. In the policy editor's preview,
// rows whose visibility the what-if changes are marked.
import { Button } from '../../../components/ui'
import { Fragment, useState, type ReactElement } from 'react'
import type { ExplainResult, ExplainedRow } from '../../../../../contract/rls-simulator'
import { cellText } from '../common/format-sql'
import { ResultChip } from '../common/ResultChip'
import { ReasonText } from './ReasonText'
import { RowExplanation } from './RowExplanation'
import { rowKey } from './use-explain'

export type RowChange = 'now-visible' | 'now-hidden'

interface Props {
  result: ExplainResult
  showHidden: boolean
  changes?: Map<string, RowChange>
  testId?: string
}

const MAX_COLUMNS = 8

export function ExplainGrid({ result, showHidden, changes, testId = 'explain-grid' }: Props): ReactElement {
  const [open, setOpen] = useState<string | null>(null)
  const rows = result.rows.filter((r) => showHidden || r.visible || changes?.has(rowKey(r.key)))
  const columns = Object.keys(result.rows[0]?.row ?? {})
  const shownColumns = columns.slice(0, MAX_COLUMNS)
  const policyNames = result.rows[0]?.policies.map((p) => p.name) ?? []
  const span = 2 + shownColumns.length + policyNames.length

  if (!result.rows.length) return <p className="rls-empty-line">The table has no rows{result.counts.total ? ' on this page' : ''}.</p>
  return (
    <div className="rls-grid-wrap" tabIndex={0} role="region" aria-label="Rows and the policies that decide them">
      <table className={`rls-grid${result.bypass ? ' rls-grid--bypass' : ''}`} data-testid={testId}>
        <thead>
          <tr>
            <th className="rls-grid__status">For {result.identity.role}</th>
            {shownColumns.map((c) => (
              <th key={c}>{c}</th>
            ))}
            {policyNames.map((n) => (
              <th key={n} className="rls-grid__policy" title={result.bypass ? `${n} is not applied: ${result.bypass}` : `The policy ${n}: its USING for each row`}>
                {n}
                {result.bypass && <span className="rls-grid__not-applied">not applied</span>}
              </th>
            ))}
            <th className="rls-grid__more" aria-label="Explain" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const key = rowKey(r.key)
            const change = changes?.get(key)
            const isOpen = open === key
            return (
              <Fragment key={key}>
                <tr
                  className={`rls-grid__row${r.visible ? '' : ' rls-grid__row--hidden'}${change ? ` rls-grid__row--${change}` : ''}${isOpen ? ' rls-grid__row--open' : ''}`}
                  onClick={() => setOpen(isOpen ? null : key)}
                  data-visible={r.visible}
                  data-testid="explain-row"
                >
                  <td className="rls-grid__status">
                    <StatusMark row={r} change={change} />
                  </td>
                  {shownColumns.map((c) => (
                    <td key={c} className="rls-grid__cell" title={cellText(r.row[c])}>
                      {cellText(r.row[c])}
                    </td>
                  ))}
                  {r.policies.map((p) => (
                    <td key={p.name} className="rls-grid__policy">
                      <ResultChip value={p.result} error={p.error} />
                    </td>
                  ))}
                  <td className="rls-grid__more">
                    <Button variant="ghost" size="sm" aria-label={isOpen ? 'Close the explanation' : 'Why?'} aria-expanded={isOpen}>
                      {isOpen ? 'Close' : 'Why?'}
                    </Button>
                  </td>
                </tr>
                {!r.visible && !isOpen && (
                  <tr className="rls-grid__reason-row">
                    <td colSpan={span}>
                      <ReasonText text={r.decision.reason} />
                    </td>
                  </tr>
                )}
                {isOpen && (
                  <tr className="rls-grid__detail-row">
                    <td colSpan={span}>
                      <RowExplanation row={r} result={result} />
                    </td>
                  </tr>
                )}
              </Fragment>
            )
          })}
        </tbody>
      </table>
      {columns.length > MAX_COLUMNS && <p className="rls-grid__note">{columns.length - MAX_COLUMNS} more columns: open a row to see all its values.</p>}
      {rows.length === 0 && <p className="rls-empty-line">No row on this page is visible to this identity. Turn on “show hidden rows” to see each one and why.</p>}
    </div>
  )
}

function StatusMark({ row, change }: { row: ExplainedRow; change?: RowChange }): ReactElement {
  return (
    <span className={`rls-status rls-status--${row.visible ? 'visible' : 'hidden'}`}>
      {row.visible ? 'visible' : 'hidden'}
      {change && <span className={`rls-change rls-change--${change}`}>{change === 'now-visible' ? 'newly visible' : 'newly hidden'}</span>}
    </span>
  )
}
