// components/ui/Dialog.tsx — modal dialogs on Radix Dialog: focus moves in and is trapped, Escape and a click
// outside close, focus returns to the opener, the page behind is inert for screen readers. Controlled (`open` +
// `onOpenChange`) or with a `trigger` element. ConfirmDialog (ConfirmDialog.tsx) is built on it. Styles: Dialog.css.
import * as RadixDialog from '@radix-ui/react-dialog'
import { useRef, type ReactElement, type ReactNode } from 'react'
import { IconButton } from './Button'

export interface DialogProps {
  open?: boolean
  onOpenChange?(open: boolean): void
  /** An element that opens the dialog when clicked (uncontrolled use). */
  trigger?: ReactElement
  title: ReactNode
  /** One line under the title, read as the dialog's description. */
  description?: ReactNode
  /** Buttons at the bottom (Cancel first, the main action last). */
  footer?: ReactNode
  /** `alertdialog` for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog'
  size?: 'sm' | 'md' | 'lg'
  /** Keeps the dialog open on Escape and outside clicks (while an action runs). */
  dismissable?: boolean
  /** Where focus goes on open; default: the first focusable element. */
  initialFocus?: React.RefObject<HTMLElement | null>
  children?: ReactNode
  /** `data-testid` of the dialog element. */
  testId?: string
}

export function Dialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  footer,
  role = 'dialog',
  size = 'md',
  dismissable = true,
  initialFocus,
  children,
  testId,
}: DialogProps): ReactElement {
  // Radix gives focus back to its own Trigger; a dialog opened by state (no `trigger`) gives it back to whatever had
  // focus when it opened.
  const opener = useRef<HTMLElement | null>(null)
  const block = (event: Event) => {
    if (!dismissable) event.preventDefault()
  }
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="ui-dialog__backdrop" />
        <RadixDialog.Content
          className={`ui-dialog ui-dialog--${size}`}
          role={role}
          data-testid={testId}
          // Radix points aria-describedby at its Description; without one there is nothing to point at.
          {...(description ? {} : { 'aria-describedby': undefined })}
          onEscapeKeyDown={block}
          onPointerDownOutside={block}
          onOpenAutoFocus={(event) => {
            opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
            if (initialFocus?.current) {
              event.preventDefault()
              initialFocus.current.focus()
            }
          }}
          onCloseAutoFocus={(event) => {
            if (trigger || !opener.current?.isConnected) return
            event.preventDefault()
            opener.current.focus()
          }}
        >
          <RadixDialog.Title className="ui-dialog__title">{title}</RadixDialog.Title>
          {description && <RadixDialog.Description className="ui-dialog__description">{description}</RadixDialog.Description>}
          {children && <div className="ui-dialog__body">{children}</div>}
          {footer && <div className="ui-dialog__actions">{footer}</div>}
          {/* Last in the DOM (shown top right) so that opening focuses the first field, not Close. */}
          {dismissable && (
            <RadixDialog.Close asChild>
              <IconButton label="Close" icon="close" size="sm" className="ui-dialog__close" />
            </RadixDialog.Close>
          )}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  )
}

/** A button that closes the surrounding Dialog (for a Cancel in the footer). */
export function DialogClose({ children }: { children: ReactElement }): ReactElement {
  return <RadixDialog.Close asChild>{children}</RadixDialog.Close>
}
