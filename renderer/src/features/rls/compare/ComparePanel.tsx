// features/rls/compare/ComparePanel.tsx — "Compare": the chosen identities side by side on one table (what each
// may select, update, delete, and whether a sample insert passes), every cell a real statement as that identity
// in a rolled-back transaction; and the row diff of two of them.
import { useEffect, useState, type ReactElement } from 'react'
import { tableMeta } from '../../../api/rls-api'
import { studioStore, useStudioStore } from '../../../store'
import type { RlsTableRef } from '../../../store/rls-slice'
import { JsonField, parseJsonObject } from '../common/JsonField'
import { Notice } from '../common/Notice'
import { useRequest } from '../common/use-request'
import { insertTemplate } from '../dry-run/write-templates'
import { CompareMatrix } from './CompareMatrix'
import { DiffView } from './DiffView'
import { IdentityChooser } from './IdentityChooser'
import { useCandidates } from './use-candidates'
import { useMatrix } from './use-matrix'

const MAX_IDENTITIES = 12

export function ComparePanel({ table, guideLoaded }: { table: RlsTableRef; guideLoaded: boolean }): ReactElement {
  const candidates = useCandidates()
  const labels = useStudioStore((s) => s.rlsCompareLabels)
  const current = useStudioStore((s) => s.identity.label)
  const setLabels = useStudioStore((s) => s.setRlsCompareLabels)
  // The comparison starts from whoever the studio acts as (issue 22: "Compare defaults to the current identity").
  useEffect(() => {
    const now = studioStore.getState().rlsCompareLabels
    if (!now.includes(current)) setLabels([...now, current])
  }, [current, setLabels])
  const whatIf = useStudioStore((s) => s.rlsWhatIf)
  const chosen = candidates.filter((c) => labels.includes(c.label))
  const meta = useRequest(`${table.schema}.${table.table}`, (signal) => tableMeta(table.schema, table.table, signal))
  const [useSample, setUseSample] = useState(false)
  const [sampleText, setSampleText] = useState('')
  const [run, setRun] = useState(0)
  useEffect(() => {
    if (meta.data) setSampleText(insertTemplate(meta.data.columns, null))
  }, [meta.data])
  const sample = useSample ? parseJsonObject(sampleText) : null
  const sampleRow = sample?.ok && !Array.isArray(sample.value) ? sample.value : null
  const tooMany = chosen.length > MAX_IDENTITIES
  const { now, before } = useMatrix(run > 0 && !tooMany && (!useSample || sampleRow) ? table : null, chosen, sampleRow, whatIf, run)

  return (
    <div className="rls-compare">
      <p className="rls-intro">Each cell runs the statement as that identity inside a transaction that is rolled back: the counts are PostgreSQL’s, not a guess.</p>
      <IdentityChooser candidates={candidates} guideLoaded={guideLoaded} />
      <label className="rls-toggle">
        <input type="checkbox" checked={useSample} onChange={(e) => setUseSample(e.target.checked)} />
        Also try inserting a sample row as each identity
      </label>
      {useSample && <JsonField label="Sample row" value={sampleText} onChange={setSampleText} error={sample && !sample.ok ? sample.error : null} rows={4} />}
      <div className="rls-actions">
        <button type="button" className="ui-button ui-button--primary" disabled={!chosen.length || tooMany || now.loading} onClick={() => setRun(run + 1)} data-testid="compare-run">
          {now.loading ? 'Comparing…' : `Compare ${chosen.length} identit${chosen.length === 1 ? 'y' : 'ies'}`}
        </button>
        {tooMany && <span className="ui-error">At most {MAX_IDENTITIES} identities at once.</span>}
      </div>
      {now.error && <Notice tone="error" title="The comparison failed">{now.error}</Notice>}
      {before?.error && <Notice tone="error" title="The comparison without the what-if failed">{before.error}</Notice>}
      {now.data && (
        <>
          {whatIf && <p className="rls-intro">With the what-if applied; changed cells show the value before it.</p>}
          <CompareMatrix matrix={now.data} before={before?.data} hasSample={!!sampleRow} />
        </>
      )}
      {candidates.length >= 2 && <DiffView table={table} candidates={candidates} />}
    </div>
  )
}
