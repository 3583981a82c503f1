// features/rls/explain/ExplainPanel.tsx — "Explain": the chosen table's policies and rows as the current identity
// meets them, for SELECT, UPDATE or DELETE, a page at a time; with the what-if applied when one is being tried.
import { useEffect, useState, type ReactElement } from 'react'
import type { ExplainCommand } from '../../../../../contract/rls-simulator'
import { useStudioStore } from '../../../store'
import type { RlsTableRef } from '../../../store/rls-slice'
import { Notice } from '../common/Notice'
import { ExplainGrid } from './ExplainGrid'
import { ExplainSummary } from './ExplainSummary'
import { PolicyList } from './PolicyList'
import { PAGE_SIZE, useExplain } from './use-explain'

const COMMANDS: ExplainCommand[] = ['SELECT', 'UPDATE', 'DELETE']

export function ExplainPanel({ table }: { table: RlsTableRef }): ReactElement {
  const command = useStudioStore((s) => s.rlsCommand)
  const setCommand = useStudioStore((s) => s.setRlsCommand)
  const showHidden = useStudioStore((s) => s.rlsShowHidden)
  const setShowHidden = useStudioStore((s) => s.setRlsShowHidden)
  const whatIf = useStudioStore((s) => s.rlsWhatIf)
  const label = useStudioStore((s) => s.identity.label)
  const [offset, setOffset] = useState(0)
  useEffect(() => setOffset(0), [table.schema, table.table])
  const explain = useExplain(table, command, offset, whatIf)
  const result = explain.data

  return (
    <div className="rls-explain" aria-busy={explain.loading}>
      <div className="ui-toolbar ui-toolbar--plain">
        <div className="ui-segmented" role="group" aria-label="Command to explain">
          {COMMANDS.map((c) => (
            <button key={c} type="button" className="ui-segmented__item" aria-pressed={c === command} onClick={() => setCommand(c)}>
              {c}
            </button>
          ))}
        </div>
        <span className="ui-toolbar__text">{command === 'SELECT' ? 'Which rows a read returns' : `Which rows an ${command} would reach`}</span>
        <span className="ui-toolbar__spacer" />
        {explain.loading && <span className="ui-toolbar__text">Evaluating…</span>}
        <button type="button" className="ui-button ui-button--small" onClick={explain.reload} disabled={explain.loading}>
          Re-run
        </button>
      </div>
      {explain.error && (
        <Notice tone="error" title="The explanation failed">
          {explain.error}
        </Notice>
      )}
      {result && (
        <>
          <ExplainSummary result={result} identityLabel={label} showHidden={showHidden} onShowHidden={setShowHidden} />
          <section className="rls-section">
            <h3 className="rls-section__title">Policies on {result.table.schema}.{result.table.name}</h3>
            <PolicyList result={result} />
          </section>
          <section className="rls-section">
            <h3 className="rls-section__title">
              Rows{showHidden ? ' (hidden ones greyed, with the reason)' : ` visible to ${label}`}
            </h3>
            <ExplainGrid result={result} showHidden={showHidden} />
            {result.counts.total > result.counts.shown && (
              <div className="rls-pager">
                <button type="button" className="ui-button ui-button--small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                  ← Previous {PAGE_SIZE}
                </button>
                <span>
                  Rows {offset + 1}–{offset + result.counts.shown} of {result.counts.totalIsEstimate ? '~' : ''}
                  {result.counts.total}
                </span>
                <button type="button" className="ui-button ui-button--small" disabled={offset + result.counts.shown >= result.counts.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
                  Next {PAGE_SIZE} →
                </button>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  )
}
