// features/tables/ui/Popover.tsx — a toolbar button with a panel under it (columns, export, copy): closes on a
// click outside or Escape.
import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react'

export function Popover({ label, title, children, align = 'left', badge, testId }: { label: ReactNode; title?: string; children: (close: () => void) => ReactNode; align?: 'left' | 'right'; badge?: ReactNode; testId?: string }): ReactElement {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false)
    }
    document.addEventListener('mousedown', onDown)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('mousedown', onDown)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])
  return (
    <div className="tb-popover" ref={root}>
      <button type="button" className="tb-btn" aria-expanded={open} title={title} data-testid={testId} onClick={() => setOpen((o) => !o)}>
        {label}
        {badge}
        <span className="tb-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && <div className={`tb-popover__panel tb-popover__panel--${align}`}>{children(() => setOpen(false))}</div>}
    </div>
  )
}
