// components/ui/CopyButton.tsx — an IconButton that copies a value and confirms it in place (a check for a moment,
// announced to screen readers); a failed copy says so instead. RevealButton: the eye toggle beside a masked secret.
import { useEffect, useState, type ReactElement } from 'react'
import { copyText } from '../../api/clipboard'
import { IconButton } from './Button'

type CopyState = 'idle' | 'ok' | 'failed'

const CONFIRM_MS = 1_600

export function CopyButton({ value, label }: { value: string | undefined; label: string }): ReactElement {
  const [state, setState] = useState<CopyState>('idle')

  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), CONFIRM_MS)
    return () => clearTimeout(timer)
  }, [state])

  const copy = (): void => {
    if (value === undefined) return
    copyText(value).then(
      () => setState('ok'),
      () => setState('failed'),
    )
  }

  return (
    <IconButton
      label={`Copy ${label}`}
      title={state === 'ok' ? 'Copied' : state === 'failed' ? 'Could not copy' : `Copy ${label}`}
      icon={state === 'ok' ? 'check' : state === 'failed' ? 'alert' : 'copy'}
      state={state}
      disabled={value === undefined}
      onClick={copy}
    >
      <span className="visually-hidden" role="status">
        {state === 'ok' ? `${label} copied` : state === 'failed' ? `Could not copy ${label}` : ''}
      </span>
    </IconButton>
  )
}

export interface RevealButtonProps {
  revealed: boolean
  label: string
  onToggle(): void
  disabled?: boolean
}

export function RevealButton({ revealed, label, onToggle, disabled }: RevealButtonProps): ReactElement {
  return (
    <IconButton label={revealed ? `Hide ${label}` : `Reveal ${label}`} icon={revealed ? 'eyeOff' : 'eye'} pressed={revealed} disabled={disabled} onClick={onToggle} />
  )
}
