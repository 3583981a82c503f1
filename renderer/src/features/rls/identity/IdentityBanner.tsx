// features/rls/identity/IdentityBanner.tsx — the simulator's headline: who you are looking as, in the identity's
// colour, with its role and user id, a one-line reminder of what that means for RLS, and the button to change it.
import type { ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import { kindText, roleOf, subOf } from './identity-describe'

const MEANING: Record<string, string> = {
  service_role: 'The service key bypasses RLS: every row is visible. Pick a user to see what their app gets.',
  anon: 'The anon key: what an app sees before anyone signs in.',
  user: 'A real impersonation token for this user: the API, SQL console and exports all run as them.',
  custom: 'A token signed for these claims: the API, SQL console and exports all run as them.',
}

export function IdentityBanner({ onToggleDetails, detailsOpen }: { onToggleDetails(): void; detailsOpen: boolean }): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const openPicker = useStudioStore((s) => s.setIdentityPickerOpen)
  const sub = subOf(identity)
  return (
    <div className={`rls-banner rls-banner--${identity.kind}`} data-testid="identity-banner">
      <div className="rls-banner__who">
        <span className="rls-banner__caption">Acting as</span>
        <strong className="rls-banner__label" data-testid="identity-banner-label">
          {identity.label}
        </strong>
        {roleOf(identity) !== identity.label && <span className="rls-banner__pill">{roleOf(identity)}</span>}
        {sub && <code className="rls-banner__sub" title="sub: what app.user_id and auth.uid() return">sub {sub}</code>}
        {identity.kind !== 'service_role' && <span className="rls-banner__kind">{kindText(identity)}</span>}
      </div>
      <p className="rls-banner__meaning">{MEANING[identity.kind]}</p>
      <div className="rls-banner__actions">
        <button type="button" className="ui-button ui-button--small" onClick={onToggleDetails} aria-expanded={detailsOpen}>
          {detailsOpen ? 'Hide what the database sees' : 'What the database sees'}
        </button>
        <button type="button" className="ui-button ui-button--small" onClick={() => openPicker(true)} data-testid="change-identity">
          Change identity…
        </button>
      </div>
    </div>
  )
}
