// features/rls/explain/RowExplanation.tsx — one row, opened from the grid: visible or hidden for the identity and
// the sentence why, then every policy that took part with its value for this row and, part by part, which clause
// failed; the row's values; and the writes to try on it (dry runs) or the policy to change.
import { Badge } from '../../../components/ui'
import type { ReactElement } from 'react'
import type { ExplainResult, ExplainedRow } from '../../../../../contract/rls-simulator'
import { useStudioStore } from '../../../store'
import { cellText } from '../common/format-sql'
import { PolicyExpression } from './PolicyExpression'
import { ReasonText } from './ReasonText'
import { ValuesInPlay } from '../common/ValuesInPlay'

export function RowExplanation({ row, result }: { row: ExplainedRow; result: ExplainResult }): ReactElement {
  const who = useStudioStore((s) => s.identity.label)
  const draftDryRun = useStudioStore((s) => s.draftDryRun)
  const match = JSON.stringify(row.key, null, 2)
  const editable = Object.fromEntries(Object.entries(row.row).filter(([k]) => !(k in row.key)).slice(0, 1))
  return (
    <div className="rls-rowx" data-testid="row-explanation">
      <div className={`rls-rowx__verdict rls-rowx__verdict--${row.visible ? 'visible' : 'hidden'}`}>
        <strong>{row.visible ? `Visible to ${who}` : `Hidden from ${who}`} ({result.identity.role})</strong>
        <ReasonText text={row.decision.reason} />
      </div>
      {!row.consistent && (
        <p className="rls-rowx__warn">The policy reading differs from what PostgreSQL did for this row; the visible/hidden mark is PostgreSQL’s answer.</p>
      )}
      {row.policies.length > 0 && (
        <div className="rls-rowx__policies">
          {row.policies.map((pr) => {
            const wire = result.policies.find((p) => p.name === pr.name)
            return (
              <div key={pr.name} className="rls-rowx__policy">
                <div className="rls-rowx__policy-head">
                  <strong>{pr.name}</strong>
                  <Badge tone={pr.kind === 'restrictive' ? 'warn' : 'ok'}>{pr.kind}</Badge>
                  <span className="rls-rowx__combine">{pr.kind === 'permissive' ? 'OR’d with the other permissive policies' : 'must also be true (AND)'}</span>
                </div>
                <PolicyExpression label="USING" expr={wire?.using ?? 'true'} split={wire?.usingClauses ?? null} result={{ value: pr.result, error: pr.error, op: pr.op, clauses: pr.clauses }} />
                {pr.result !== true && <ValuesInPlay expr={wire?.using ?? ''} row={row.row} identity={result.identity} />}
              </div>
            )
          })}
        </div>
      )}
      <details className="rls-rowx__values">
        <summary>Row values</summary>
        <dl>
          {Object.entries(row.row).map(([k, v]) => (
            <div key={k} className="rls-rowx__value">
              <dt>{k}</dt>
              <dd>
                <code>{cellText(v)}</code>
              </dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="rls-rowx__actions">
        <button type="button" className="ui-button ui-button--small" onClick={() => draftDryRun({ command: 'UPDATE', match, values: JSON.stringify(editable, null, 2) })}>
          Dry-run an UPDATE of this row
        </button>
        <button type="button" className="ui-button ui-button--small" onClick={() => draftDryRun({ command: 'DELETE', match })}>
          Dry-run a DELETE of this row
        </button>
      </div>
    </div>
  )
}
