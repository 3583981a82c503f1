// features/rls/compare/CompareMatrix.tsx — the identities × {SELECT, UPDATE, DELETE, INSERT} matrix: rows each
// identity can read, update and delete, and the verdict for the sample insert. With a "before" matrix (a what-if
// is being tried) each cell shows the change.
import type { ReactElement } from 'react'
import type { MatrixCell, MatrixRow } from '../../../../../contract/rls-simulator'

function cellText(c: MatrixCell): string {
  return c.ok ? `${c.count} row${c.count === 1 ? '' : 's'}` : 'error'
}

function Cell({ now, before }: { now: MatrixCell; before?: MatrixCell }): ReactElement {
  const changed = before && cellText(before) !== cellText(now)
  return (
    <td className={`rls-matrix__cell${now.ok ? (now.count ? ' rls-matrix__cell--some' : ' rls-matrix__cell--none') : ' rls-matrix__cell--error'}${changed ? ' rls-matrix__cell--changed' : ''}`} title={now.ok ? undefined : now.error}>
      {changed && (
        <span className="rls-matrix__before">
          <s>{cellText(before)}</s> →{' '}
        </span>
      )}
      {cellText(now)}
      {!now.ok && <span className="rls-matrix__error">{now.error}</span>}
    </td>
  )
}

export function CompareMatrix({ matrix, before, hasSample }: { matrix: MatrixRow[]; before?: MatrixRow[] | null; hasSample: boolean }): ReactElement {
  return (
    <div className="rls-grid-wrap" tabIndex={0} role="region" aria-label="Rows each identity sees">
      <table className="rls-grid rls-matrix" data-testid="compare-matrix">
        <thead>
          <tr>
            <th>Identity</th>
            <th>Database role</th>
            <th>SELECT</th>
            <th>UPDATE</th>
            <th>DELETE</th>
            <th>INSERT {hasSample ? 'of the sample row' : ''}</th>
          </tr>
        </thead>
        <tbody>
          {matrix.map((m) => {
            const b = before?.find((x) => x.label === m.label)
            const insertChanged = b?.insert && m.insert && b.insert.verdict !== m.insert.verdict
            return (
              <tr key={m.label} data-testid="compare-row" data-label={m.label}>
                <th scope="row" className="rls-matrix__who">
                  {m.label}
                </th>
                <td className="rls-matrix__role">{m.role}</td>
                <Cell now={m.select} before={b?.select} />
                <Cell now={m.update} before={b?.update} />
                <Cell now={m.delete} before={b?.delete} />
                <td className={`rls-matrix__insert${m.insert ? ` rls-matrix__insert--${m.insert.verdict}` : ''}${insertChanged ? ' rls-matrix__cell--changed' : ''}`} title={m.insert?.summary}>
                  {m.insert ? (
                    <>
                      <strong>{insertChanged ? `${b?.insert?.verdict} → ` : ''}{m.insert.verdict === 'no_rows' ? '0 rows' : m.insert.verdict}</strong>
                      <span className="rls-matrix__summary">{m.insert.summary.replace(/^(allowed|refused|0 rows): /, '')}</span>
                    </>
                  ) : (
                    <span className="rls-matrix__muted" title="Tick “Also try inserting a sample row” above">not tried</span>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
