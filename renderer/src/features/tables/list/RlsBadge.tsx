// features/tables/list/RlsBadge.tsx — a table's row-level security at a glance: off, on with N policies, or on with
// none (then nobody but service_role reads a row). The title says what that means for an app.
import type { ReactElement } from 'react'

export function rlsState(enabled: boolean, policies: number): 'off' | 'on' | 'none' {
  if (!enabled) return 'off'
  return policies > 0 ? 'on' : 'none'
}

// The kit's tag tones: on is fine, none hides every row, off-and-exposed leaks every row.
const TONES = { on: 'ok', off: 'neutral', exposed: 'warn', none: 'danger' } as const

export function RlsBadge({ enabled, policies, exposed = false }: { enabled: boolean; policies: number; exposed?: boolean }): ReactElement {
  const state = rlsState(enabled, policies)
  const text = state === 'off' ? 'RLS off' : state === 'on' ? `RLS · ${policies} polic${policies === 1 ? 'y' : 'ies'}` : 'RLS · no policies'
  const title =
    state === 'off'
      ? exposed
        ? 'Row-level security is off and anon/authenticated may read this table: every row is visible to any app user.'
        : 'Row-level security is off: any role with table privileges sees every row.'
      : state === 'on'
        ? `Row-level security is on with ${policies} polic${policies === 1 ? 'y' : 'ies'}: each identity sees the rows its policies allow.`
        : 'Row-level security is on with no policies: anon and authenticated see no rows at all (service_role bypasses RLS).'
  return (
    <span className={`ui-tag ui-tag--${TONES[state === 'off' && exposed ? 'exposed' : state]}`} title={title} data-rls={state}>
      {text}
    </span>
  )
}
