// renderer/src/components/RevealButton.tsx — the eye toggle beside a masked secret.
import type { ReactElement } from 'react'
import { Icon } from './Icon'

export interface RevealButtonProps {
  revealed: boolean
  label: string
  onToggle(): void
  disabled?: boolean
}

export function RevealButton({ revealed, label, onToggle, disabled }: RevealButtonProps): ReactElement {
  const action = revealed ? `Hide ${label}` : `Reveal ${label}`
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={action}
      aria-pressed={revealed}
      title={action}
      disabled={disabled}
      onClick={onToggle}
    >
      <Icon name={revealed ? 'eyeOff' : 'eye'} />
    </button>
  )
}
