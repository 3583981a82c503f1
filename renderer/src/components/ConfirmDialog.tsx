// components/ConfirmDialog.tsx — asks before a destructive action, says exactly what will happen, and shows the
// server's words in place when the action fails (the dialog stays open so the user can read them).
import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react'

export interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm(): Promise<void>
  onClose(): void
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps): ReactElement {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await onConfirm()
      onClose()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setBusy(false)
    }
  }
  return (
    <div className="ui-dialog__backdrop" onMouseDown={() => !busy && onClose()}>
      <div
        className="ui-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={title}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !busy) onClose()
        }}
      >
        <h2 className="ui-dialog__title">{title}</h2>
        <div>{children}</div>
        {error && (
          <p className="ui-error" role="alert">
            {error}
          </p>
        )}
        <div className="ui-dialog__actions">
          <button ref={cancel} type="button" className="ui-button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="ui-button ui-button--danger-solid" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
