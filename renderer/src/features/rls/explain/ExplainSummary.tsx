// features/rls/explain/ExplainSummary.tsx — the explain result in a glance: how many rows the identity sees and
// how many RLS hid, how PostgreSQL combines the policies, and anything that overrides them (a bypass, a missing
// GRANT, a query that fails outright, RLS switched off), each with what to do about it.
import { CodeBlock } from '../../../components/ui'
import type { ReactElement } from 'react'
import type { ExplainResult } from '../../../../../contract/rls-simulator'
import { Notice } from '../common/Notice'
import { HiddenRowsHint } from '../HiddenRowsHint'

interface Props {
  result: ExplainResult
  identityLabel: string
  showHidden: boolean
  onShowHidden(show: boolean): void
}

export function ExplainSummary({ result, identityLabel, showHidden, onShowHidden }: Props): ReactElement {
  const { counts } = result
  const verb = result.command === 'SELECT' ? 'visible to' : `reachable by an ${result.command} as`
  // Only advice that is a plain GRANT is offered as SQL to run (grant-advice.ts words the unsafe cases instead).
  const grant = result.privilege.hint ? /privilege: (GRANT [^;]*;)$/.exec(result.privilege.hint)?.[1] : undefined
  return (
    <div className="rls-summary">
      <div className="rls-counts" data-testid="explain-counts">
        <span className="rls-counts__main">
          <strong className="rls-counts__visible" data-testid="count-visible">
            {counts.visible}
          </strong>{' '}
          of {counts.shown} row{counts.shown === 1 ? '' : 's'} {verb} <strong>{identityLabel}</strong>
        </span>
        {counts.hidden > 0 && (
          <span className="rls-counts__hidden">
            <strong data-testid="count-hidden">{counts.hidden}</strong> {result.privilege.granted ? 'hidden by RLS' : `refused: no ${result.command} privilege`}
          </span>
        )}
        {counts.hidden > 0 && (
          <label className="rls-toggle">
            <input type="checkbox" checked={showHidden} onChange={(e) => onShowHidden(e.target.checked)} data-testid="show-hidden" />
            Show hidden rows and why
          </label>
        )}
      </div>
      {result.command === 'SELECT' && <AppReadCheck schema={result.table.schema} table={result.table.name} />}
      <p className="rls-combination">
        <span className="rls-combination__label">How the policies combine for {result.command} as {result.identity.role}:</span> <code>{result.combination}</code>
      </p>
      {result.bypass && (
        <Notice tone="info" title="Policies are not applied" testId="explain-bypass">
          {result.bypass}. Pick a user or anon in the identity picker to see RLS at work.
        </Notice>
      )}
      {!result.table.rlsEnabled && !result.bypass && (
        <Notice tone="warn" title="RLS is off for this table">
          Every role with a GRANT on {result.table.schema}.{result.table.name} sees every row. Enable it with the advisor’s fix or in the policy editor.
        </Notice>
      )}
      {!result.privilege.granted && (
        <Notice tone="error" title={`${result.identity.role} has no ${result.command} privilege on this table`}>
          The API refuses the request before any policy runs (permission denied). {grant ? 'This would grant it:' : result.privilege.hint}
          {grant && <CodeBlock code={grant} language="SQL" title="GRANT statement" />}
        </Notice>
      )}
      {result.queryError && !(result.privilege.granted === false && /permission denied/.test(result.queryError.message)) && (
        <Notice tone="error" title={`The ${result.command} as this identity fails`}>
          <code>{result.queryError.message}</code>
          {result.queryError.hint && <> — {result.queryError.hint}</>}. The app gets this error instead of rows; the grid shows which policy raises it.
        </Notice>
      )}
      {result.warnings
        .filter((w) => !result.queryError || !w.includes('fails'))
        .map((w) => (
          <Notice key={w} tone="warn">
            {w}
          </Notice>
        ))}
    </div>
  )
}

/** The same question through the app-facing API: what a plain read of the table returns as this identity. */
function AppReadCheck({ schema, table }: { schema: string; table: string }): ReactElement {
  const path = `/api/v1/tables/${schema === 'public' ? '' : `${encodeURIComponent(schema)}/`}${encodeURIComponent(table)}?select=*`
  return (
    <p className="rls-appread">
      <span className="rls-appread__label">
        Check through the app’s API: <code>GET {path}</code>
      </span>
      <HiddenRowsHint path={path} />
    </p>
  )
}
