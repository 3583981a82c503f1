// features/tables/ui/Modal.tsx — the table browser's dialogs (review, insert, value viewer, create table, drop
// column): a backdrop, a titled panel, Escape to close, focus moved inside on open and given back on close.
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react'

export function Modal({ title, onClose, children, footer, wide = false, testId }: { title: ReactNode; onClose: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean; testId?: string }): ReactElement {
  const panel = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus], input, textarea, select, button:not(.tb-modal__close)')
    ;(first ?? panel.current)?.focus()
    return () => previous?.focus?.()
  }, [])
  return (
    <div
      className="tb-modal__backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose()
      }}
    >
      <div
        ref={panel}
        className={`tb-modal${wide ? ' tb-modal--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={typeof title === 'string' ? title : undefined}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation()
            onClose()
          }
        }}
      >
        <header className="tb-modal__head">
          <h2 className="tb-modal__title">{title}</h2>
          <button type="button" className="tb-modal__close" aria-label="Close dialog" title="Close (Esc)" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="tb-modal__body">{children}</div>
        {footer && <footer className="tb-modal__foot">{footer}</footer>}
      </div>
    </div>
  )
}
