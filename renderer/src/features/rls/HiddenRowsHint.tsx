// features/rls/HiddenRowsHint.tsx — the silent-filter hint, for the table browser and the log viewer: next to an
// app read (its /api/v1/tables/… path), a small "Hidden by RLS?" button that, when clicked, counts the rows RLS
// hid from it and links to the simulator's explanation of that table as the current identity.
//   <HiddenRowsHint path="/api/v1/tables/guide_own/posts?select=*" />            as the studio's identity
//   <HiddenRowsHint path={entry.path} token={tokenOfThatRequest} label="bob" />    as someone else
import { Button } from '../../components/ui'
import type { ReactElement } from 'react'
import { explainReadTable, tableOfPath, useHiddenCount } from './hidden-rows'

interface Props {
  /** The read as the app made it, e.g. /api/v1/tables/posts?select=id&published=eq.true */
  path: string
  /** Whose read it is (default: the identity the studio acts as). */
  token?: string
  label?: string
}

export function HiddenRowsHint({ path, token, label }: Props): ReactElement | null {
  const { state, check } = useHiddenCount(path, token)
  const table = tableOfPath(path)
  if (!table) return null
  const explain = (
    <Button variant="ghost" size="sm" onClick={() => explainReadTable(path)} data-testid="hidden-rows-explain">
      Why? Explain {table.schema}.{table.table}
    </Button>
  )
  return (
    <span className="rls-hint" data-testid="hidden-rows-hint">
      {state.status === 'idle' && (
        <button type="button" className="rls-hint__ask" onClick={check} title="Counts the rows RLS hid from this read (runs it once more as service_role)">
          Rows hidden by RLS?
        </button>
      )}
      {state.status === 'loading' && <span className="rls-hint__text">Counting…</span>}
      {state.status === 'bypass' && <span className="rls-hint__text">service_role bypasses RLS: nothing is hidden{label ? ` from ${label}` : ''}.</span>}
      {state.status === 'error' && (
        <span className="rls-hint__text rls-hint__text--error">
          {state.error}{' '}
          <Button variant="ghost" size="sm" onClick={check}>
            Retry
          </Button>
        </span>
      )}
      {state.status === 'done' && state.result.refused && (
        <span className="rls-hint__text rls-hint__text--hidden">
          The read is refused ({state.result.refused.status}{state.result.refused.error ? `: ${state.result.refused.error}` : ''}): all {state.result.total} rows hidden. {explain}
        </span>
      )}
      {state.status === 'done' && !state.result.refused && (
        <span className={`rls-hint__text${state.result.hidden ? ' rls-hint__text--hidden' : ''}`} data-testid="hidden-rows-count">
          {state.result.hidden ? `${state.result.hidden} of ${state.result.total} row${state.result.total === 1 ? '' : 's'} hidden by RLS${label ? ` from ${label}` : ''}.` : 'Nothing hidden by RLS.'}{' '}
          {state.result.hidden > 0 && explain}
        </span>
      )}
    </span>
  )
}
