// renderer/src/components/CopyButton.tsx — an icon button that copies a value and confirms it in
// place (a check for a moment, announced to screen readers); a failed copy says so instead.
import { useEffect, useState, type ReactElement } from 'react'
import { copyText } from '../api/clipboard'
import { Icon } from './Icon'

type CopyState = 'idle' | 'copied' | 'failed'

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
      () => setState('copied'),
      () => setState('failed'),
    )
  }

  const title = state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : `Copy ${label}`
  return (
    <button
      type="button"
      className="icon-button"
      data-state={state}
      aria-label={`Copy ${label}`}
      title={title}
      disabled={value === undefined}
      onClick={copy}
    >
      <Icon name={state === 'copied' ? 'check' : state === 'failed' ? 'alert' : 'copy'} />
      <span className="visually-hidden" role="status">
        {state === 'copied' ? `${label} copied` : state === 'failed' ? `Could not copy ${label}` : ''}
      </span>
    </button>
  )
}
