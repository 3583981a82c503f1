// renderer/src/features/status/CredentialRow.tsx — one line of "what your app needs": label, a word
// on where it belongs, the value (masked when secret) with reveal and copy. Selects its own field.
import { useState, type ReactElement } from 'react'
import { CopyButton } from '../../components/CopyButton'
import { RevealButton } from '../../components/RevealButton'
import { Skeleton } from '../../components/Skeleton'
import { useStudioStore, type StudioState } from '../../store'
import { SecretText, type SecretStyle } from './SecretText'

export interface CredentialRowProps {
  id: string
  label: string
  hint: string
  /** Draws attention to values that must not ship in client code. */
  tone?: 'normal' | 'danger'
  secret?: SecretStyle
  select(state: StudioState): string | undefined
}

export function CredentialRow({ id, label, hint, tone = 'normal', secret = 'plain', select }: CredentialRowProps): ReactElement {
  const value = useStudioStore(select)
  const [revealed, setRevealed] = useState(false)
  return (
    <div className="credential" data-testid={`credential-${id}`}>
      <div className="credential__label">
        <span className="credential__name" id={`credential-${id}-label`}>
          {label}
        </span>
        <span className={`credential__hint credential__hint--${tone}`}>{hint}</span>
      </div>
      <div className="credential__field" aria-labelledby={`credential-${id}-label`}>
        <div className="credential__value">{value === undefined ? <Skeleton width="60%" /> : <SecretText value={value} style={secret} revealed={revealed} />}</div>
        {secret !== 'plain' && (
          <RevealButton revealed={revealed} label={label} disabled={value === undefined} onToggle={() => setRevealed(!revealed)} />
        )}
        <CopyButton value={value} label={label} />
      </div>
    </div>
  )
}
