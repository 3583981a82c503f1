// components/ui/ConfirmDialog.tsx — asks before a destructive action, says exactly what will happen, and shows the
// server's words in place when the action fails (the dialog stays open so the user can read them). Rendered while
// open (mount it when needed); focus starts on Cancel, the safe choice.
import { useRef, useState, type ReactElement, type ReactNode } from 'react'
import { Button } from './Button'
import { Dialog } from './Dialog'

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
    <Dialog
      open
      onOpenChange={(open) => !open && !busy && onClose()}
      role="alertdialog"
      title={title}
      dismissable={!busy}
      initialFocus={cancel}
      footer={
        <>
          <Button ref={cancel} onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger-solid" onClick={() => void confirm()} busy={busy}>
            {busy ? 'Working…' : confirmLabel}
          </Button>
        </>
      }
    >
      <div>{children}</div>
      {error && (
        <p className="ui-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  )
}
