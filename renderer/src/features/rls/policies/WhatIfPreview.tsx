// features/rls/policies/WhatIfPreview.tsx — what the tried statement would change, before anything is committed:
// the explain grid for the current identity with the rows it makes visible or hidden marked, and the identity
// matrix before → after.
import type { ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import type { RlsTableRef } from '../../../store/rls-slice'
import { Notice } from '../common/Notice'
import { CompareMatrix } from '../compare/CompareMatrix'
import { useCandidates } from '../compare/use-candidates'
import { useMatrix } from '../compare/use-matrix'
import { ExplainGrid, type RowChange } from '../explain/ExplainGrid'
import { rowKey, useExplain } from '../explain/use-explain'

export function WhatIfPreview({ table, whatIf }: { table: RlsTableRef; whatIf: string }): ReactElement {
  const command = useStudioStore((s) => s.rlsCommand)
  const label = useStudioStore((s) => s.identity.label)
  const labels = useStudioStore((s) => s.rlsCompareLabels)
  const candidates = useCandidates()
  const after = useExplain(table, command, 0, whatIf)
  const before = useExplain(table, command, 0, null)
  const { now, before: matrixBefore } = useMatrix(table, candidates.filter((c) => labels.includes(c.label)), null, whatIf, 1)

  const changes = new Map<string, RowChange>()
  if (after.data && before.data) {
    const was = new Map(before.data.rows.map((r) => [rowKey(r.key), r.visible]))
    for (const r of after.data.rows) {
      const k = rowKey(r.key)
      if (was.has(k) && was.get(k) !== r.visible) changes.set(k, r.visible ? 'now-visible' : 'now-hidden')
    }
  }
  const verb = command === 'SELECT' ? 'visible' : `reachable by ${command}`

  return (
    <div className="rls-preview" data-testid="what-if-preview">
      {after.error && (
        <Notice tone="error" title="The statement does not apply">
          {after.error}
        </Notice>
      )}
      {after.data && before.data && (
        <section className="rls-section">
          <h3 className="rls-section__title">
            As {label}: {before.data.counts.visible} → <span data-testid="what-if-visible">{after.data.counts.visible}</span> of {after.data.counts.shown} rows {verb}
            {changes.size > 0 ? ` (${changes.size} changed)` : ' (no row changes)'}
          </h3>
          <ExplainGrid result={after.data} showHidden changes={changes} testId="what-if-grid" />
        </section>
      )}
      {(after.loading || before.loading) && !after.data && <p className="rls-empty-line">Trying the statement…</p>}
      <section className="rls-section">
        <h3 className="rls-section__title">The identities you compare, before → after</h3>
        {now.error && <Notice tone="error">{now.error}</Notice>}
        {now.data ? <CompareMatrix matrix={now.data} before={matrixBefore?.data} hasSample={false} /> : now.loading && <p className="rls-empty-line">Comparing…</p>}
        {!labels.length && <p className="rls-empty-line">Pick identities in the Compare tab to see them here.</p>}
      </section>
    </div>
  )
}
