// features/rls/common/ConfirmDialog.tsx — the confirmation before anything is committed (apply a policy, apply an
// advisor fix): says what will happen, shows the SQL, and keeps the server's error in the dialog if it fails.
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react'
import { SqlBlock } from './SqlBlock'

interface Props {
  title: string
  sql: string
  children?: ReactNode
  confirmLabel: string
  busy: boolean
  error: string | null
  onConfirm(): void
  onCancel(): void
}

export function ConfirmDialog({ title, sql, children, confirmLabel, busy, error, onConfirm, onCancel }: Props): ReactElement {
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div className="rls-dialog__backdrop" onMouseDown={onCancel} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="rls-dialog" role="dialog" aria-modal="true" aria-label={title} onMouseDown={(e) => e.stopPropagation()}>
        <h2 className="rls-dialog__title">{title}</h2>
        {children && <div className="rls-dialog__body">{children}</div>}
        <SqlBlock sql={sql} />
        {error && (
          <p className="rls-field__error" role="alert">
            {error}
          </p>
        )}
        <div className="ui-dialog__actions">
          <button ref={cancel} type="button" className="ui-button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="ui-button ui-button--danger" onClick={onConfirm} disabled={busy} data-testid="confirm-apply">
            {busy ? 'Applying…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
