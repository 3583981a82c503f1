// features/rls/dry-run/DryRunVerdict.tsx — what a dry run answered: allowed (N rows, with their values as they
// would be written), refused (which policy, which clause), or 0 rows (the filter matched nothing, or USING hid the
// rows it matched), each with the policies evaluated row by row; and the reminder that some effects are not
// rolled back.
import { Badge } from '../../../components/ui'
import type { ReactElement } from 'react'
import type { DryRunResult } from '../../../../../contract/rls-simulator'
import type { PolicySummary } from '../../../api/rls-api'
import { Notice } from '../common/Notice'
import { cellText } from '../common/format-sql'
import { ResultChip } from '../common/ResultChip'
import { PolicyExpression } from '../explain/PolicyExpression'
import { ReasonText } from '../explain/ReasonText'
import { ValuesInPlay } from '../common/ValuesInPlay'
import type { IdentityFacts } from '../common/values-in-play'

const HEAD: Record<DryRunResult['verdict'], string> = { allowed: 'Allowed', refused: 'Refused', no_rows: '0 rows' }

function expressionFor(name: string, policies: PolicySummary[]): { label: 'USING' | 'WITH CHECK'; expr: string | null } {
  const m = /^(.*) \((WITH CHECK|USING as WITH CHECK|USING)\)$/.exec(name)
  const base = m ? m[1] : name
  const p = policies.find((x) => x.name === base)
  const check = m?.[2] === 'WITH CHECK'
  return { label: m?.[2] === 'USING' ? 'USING' : 'WITH CHECK', expr: p ? (check ? p.check_expression : p.using_expression) : null }
}

export function RowsTable({ rows }: { rows: Array<Record<string, unknown>> }): ReactElement {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  return (
    <div className="rls-grid-wrap" tabIndex={0} role="region" aria-label="Rows the write would reach">
      <table className="rls-grid rls-grid--plain">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className="rls-grid__cell" title={cellText(r[c])}>
                  {cellText(r[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function DryRunVerdict({ result, identityLabel, identity, policies }: { result: DryRunResult; identityLabel: string; identity: IdentityFacts; policies: PolicySummary[] }): ReactElement {
  return (
    <div className={`rls-verdict rls-verdict--${result.verdict}`} data-testid="dry-run-verdict" data-verdict={result.verdict}>
      <div className="rls-verdict__head">
        <span className="rls-verdict__badge">{HEAD[result.verdict]}</span>
        <span className="rls-verdict__as">as {identityLabel}</span>
      </div>
      <p className="rls-verdict__summary" data-testid="dry-run-summary">
        <ReasonText text={result.summary} />
      </p>
      {result.error && (
        <p className="rls-verdict__error">
          PostgreSQL said: <code>{result.error.message}</code>
          {result.error.code && <span className="rls-verdict__code"> (SQLSTATE {result.error.code})</span>}
        </p>
      )}
      {result.verdict === 'allowed' && result.rows.length > 0 && (
        <>
          <h4 className="rls-verdict__sub">
            {result.rowCount} row{result.rowCount === 1 ? '' : 's'} as {result.rowCount === 1 ? 'it' : 'they'} would be written (defaults and triggers applied):
          </h4>
          <RowsTable rows={result.rows} />
        </>
      )}
      {result.explanations.length > 0 && (
        <div className="rls-verdict__explanations">
          <h4 className="rls-verdict__sub">Policies, row by row</h4>
          {result.explanations.map((e, i) => (
            <div key={i} className="rls-verdict__row">
              <p className="rls-verdict__reason">
                <ReasonText text={e.reason} />
              </p>
              {e.policies.map((p) => {
                const { label, expr } = expressionFor(p.name, policies)
                return (
                  <div key={p.name} className="rls-rowx__policy">
                    <div className="rls-rowx__policy-head">
                      <strong>{p.name}</strong>
                      <Badge tone={p.kind === 'restrictive' ? 'warn' : 'ok'}>{p.kind}</Badge>
                      {!p.clauses && !expr && <ResultChip value={p.result} error={p.error} />}
                    </div>
                    {(p.clauses || expr) && <PolicyExpression label={label} expr={expr ?? ''} split={null} result={{ value: p.result, error: p.error, op: p.op, clauses: p.clauses }} />}
                    {p.result !== true && <ValuesInPlay expr={expr ?? p.clauses?.map((c) => c.text).join(' ') ?? ''} row={e.row} identity={identity} />}
                  </div>
                )
              })}
              <details className="rls-rowx__values">
                <summary>The row</summary>
                <RowsTable rows={[e.row]} />
              </details>
            </div>
          ))}
        </div>
      )}
      {result.warnings.map((w) => (
        <Notice key={w} tone="warn">
          {w}
        </Notice>
      ))}
    </div>
  )
}
