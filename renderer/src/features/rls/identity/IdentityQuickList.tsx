// features/rls/identity/IdentityQuickList.tsx — the picker's one-click choices: service_role (the default, which
// bypasses RLS), anon (the app before sign-in), and the identities saved under a name.
import type { ReactElement } from 'react'
import { IconButton } from '../../../components/ui'
import { useStudioStore } from '../../../store'
import { SERVICE_ROLE_IDENTITY, type StudioIdentity } from '../../../store/identity-slice'
import { anonIdentity } from './identity-actions'
import { kindText, subOf } from './identity-describe'

interface Props {
  onPick(identity: StudioIdentity | (() => StudioIdentity)): void
  busy: boolean
}

export function IdentityQuickList({ onPick, busy }: Props): ReactElement {
  const current = useStudioStore((s) => s.identity)
  const saved = useStudioStore((s) => s.savedIdentities)
  const forget = useStudioStore((s) => s.forgetIdentity)
  const option = (key: string, label: string, about: string, kind: string, pick: () => void, extra?: ReactElement) => (
    <li key={key} className={`idp-option${current.label === label ? ' idp-option--current' : ''}`}>
      <button type="button" className="idp-option__pick" onClick={pick} disabled={busy} data-testid={`identity-option-${label}`}>
        <span className={`idp-swatch idp-swatch--${kind}`} aria-hidden="true" />
        <span className="idp-option__text">
          <span className="idp-option__label">{label}</span>
          <span className="idp-option__about">{about}</span>
        </span>
        {current.label === label && <span className="idp-option__now">active</span>}
      </button>
      {extra}
    </li>
  )
  return (
    <ul className="idp-list">
      {option('service_role', 'service_role', 'The default: the service key, bypasses RLS', 'service_role', () => onPick(SERVICE_ROLE_IDENTITY))}
      {option('anon', 'anon', 'The anon key: an app before anyone signs in', 'anon', () => onPick(anonIdentity))}
      {saved.map((s) =>
        option(
          `saved:${s.label}`,
          s.label,
          `${kindText(s)}${subOf(s) ? ` · ${subOf(s)}` : ''}`,
          s.kind,
          () => onPick(s),
          <IconButton size="sm" icon="close" label={`Forget ${s.label}`} onClick={() => forget(s.label)} />,
        ),
      )}
    </ul>
  )
}
