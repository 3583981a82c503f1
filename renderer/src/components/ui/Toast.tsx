// components/ui/Toast.tsx — passing notices ("Policy applied", "Copied the URL") on Radix Toast: announced by screen
// readers (polite, or assertive for errors), paused on hover and focus, F8 jumps to them, swipe or Escape
// dismisses. `toast({...})` from anywhere; <Toaster/> is mounted once by App.tsx. Errors a user must act on belong
// in an InlineError next to what failed, not in a toast. Styles: Toast.css.
import * as RadixToast from '@radix-ui/react-toast'
import { useSyncExternalStore, type ReactElement, type ReactNode } from 'react'
import { IconButton } from './Button'

export interface ToastOptions {
  title: ReactNode
  description?: ReactNode
  tone?: 'neutral' | 'ok' | 'danger'
  /** ms on screen; default 5 s. */
  duration?: number
}

interface ShownToast extends ToastOptions {
  id: number
}

let toasts: ShownToast[] = []
let nextId = 1
const listeners = new Set<() => void>()

function emit(): void {
  for (const listener of listeners) listener()
}

/** Shows a toast; returns its id. */
export function toast(options: ToastOptions): number {
  const id = nextId++
  toasts = [...toasts, { ...options, id }]
  emit()
  return id
}

function dismiss(id: number): void {
  toasts = toasts.filter((t) => t.id !== id)
  emit()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function Toaster(): ReactElement {
  const shown = useSyncExternalStore(subscribe, () => toasts)
  return (
    <RadixToast.Provider swipeDirection="right" duration={5_000}>
      {shown.map((t) => (
        <RadixToast.Root
          key={t.id}
          className={`ui-toast ui-toast--${t.tone ?? 'neutral'}`}
          type={t.tone === 'danger' ? 'foreground' : 'background'}
          duration={t.duration}
          onOpenChange={(open) => !open && dismiss(t.id)}
        >
          <div className="ui-toast__body">
            <RadixToast.Title className="ui-toast__title">{t.title}</RadixToast.Title>
            {t.description && <RadixToast.Description className="ui-toast__description">{t.description}</RadixToast.Description>}
          </div>
          <RadixToast.Close asChild>
            <IconButton label="Dismiss" icon="close" size="sm" />
          </RadixToast.Close>
        </RadixToast.Root>
      ))}
      <RadixToast.Viewport className="ui-toast__viewport" label="Notifications ({hotkey})" />
    </RadixToast.Provider>
  )
}
