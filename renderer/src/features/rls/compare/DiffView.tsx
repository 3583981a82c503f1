// features/rls/compare/DiffView.tsx — two identities side by side on one table: the rows only the first sees, how
// many both see, and the rows only the second sees.
import { useState, type ReactElement } from 'react'
import { diffIdentities } from '../../../api/rls-api'
import { useStudioStore } from '../../../store'
import type { StudioIdentity } from '../../../store/identity-slice'
import type { RlsTableRef } from '../../../store/rls-slice'
import { Notice } from '../common/Notice'
import { useAction } from '../common/use-request'
import { RowsTable } from '../dry-run/DryRunVerdict'
import { identityRefs } from './use-candidates'

export function DiffView({ table, candidates }: { table: RlsTableRef; candidates: StudioIdentity[] }): ReactElement {
  const whatIf = useStudioStore((s) => s.rlsWhatIf)
  const selected = useStudioStore((s) => s.rlsCompareLabels)
  // Two users make the most telling diff; service_role (sees everything) and anon come last.
  const rank = (l: string) => ['user', 'custom', 'anon', 'service_role'].indexOf(candidates.find((c) => c.label === l)?.kind ?? 'service_role')
  const defaults = [...selected].sort((x, y) => rank(x) - rank(y))
  const [a, setA] = useState(defaults[0] ?? candidates[0]?.label ?? '')
  const [b, setB] = useState(defaults[1] ?? candidates[1]?.label ?? '')
  const diff = useAction(async () => {
    const [ra, rb] = await identityRefs([a, b].map((l) => candidates.find((c) => c.label === l)!))
    return diffIdentities({ schema: table.schema, table: table.table, a: ra, b: rb, ...(whatIf ? { whatIf: [whatIf] } : {}) })
  })
  const pick = (value: string, set: (v: string) => void, name: string) => (
    <select className="ui-select" value={value} onChange={(e) => set(e.target.value)} aria-label={name} data-testid={`diff-${name}`}>
      {candidates.map((c) => (
        <option key={c.label} value={c.label}>
          {c.label}
        </option>
      ))}
    </select>
  )
  const d = diff.data
  return (
    <section className="rls-section">
      <h3 className="rls-section__title">Rows two identities see differently</h3>
      <div className="ui-toolbar ui-toolbar--plain">
        {pick(a, setA, 'first')}
        <span>versus</span>
        {pick(b, setB, 'second')}
        <button type="button" className="ui-button ui-button--primary" onClick={() => void diff.run()} disabled={!a || !b || a === b || diff.loading} data-testid="diff-run">
          {diff.loading ? 'Comparing…' : 'Show the difference'}
        </button>
      </div>
      {diff.error && <Notice tone="error" title="The diff failed">{diff.error}</Notice>}
      {d && (d.errors.a || d.errors.b) && (
        <Notice tone="error" title="A read failed (the app would get this error instead of rows)">
          {d.errors.a && <div>{a}: {d.errors.a}</div>}
          {d.errors.b && <div>{b}: {d.errors.b}</div>}
        </Notice>
      )}
      {d && (
        <div className="rls-diff" data-testid="diff-result">
          <div className="rls-diff__side">
            <h4>
              Only <strong>{a}</strong> sees ({d.onlyA.length})
            </h4>
            {d.onlyA.length ? <RowsTable rows={d.onlyA} /> : <p className="rls-empty-line">No row.</p>}
          </div>
          <div className="rls-diff__both">
            Both see <strong>{d.both}</strong> row{d.both === 1 ? '' : 's'}
          </div>
          <div className="rls-diff__side">
            <h4>
              Only <strong>{b}</strong> sees ({d.onlyB.length})
            </h4>
            {d.onlyB.length ? <RowsTable rows={d.onlyB} /> : <p className="rls-empty-line">No row.</p>}
          </div>
        </div>
      )}
    </section>
  )
}
