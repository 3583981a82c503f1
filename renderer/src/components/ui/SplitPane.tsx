// components/ui/SplitPane.tsx — two panes side by side with a draggable divider (a list and its detail, an editor
// and its result). The divider is an ARIA separator: focusable, arrow keys move it by 16px (Shift: 64px), Home/End
// to the limits. Below `collapseBelow` pixels of window width the panes stack. Hand-written: Radix has no splitter
// and the behaviour is ~60 lines. Styles: SplitPane.css.
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactElement, type ReactNode } from 'react'

export interface SplitPaneProps {
  /** The first (left) pane. */
  start: ReactNode
  /** The second (right) pane. */
  end: ReactNode
  /** Width of the first pane in px. */
  defaultSize?: number
  min?: number
  max?: number
  /** Names the divider ("Resize the table list"). */
  label: string
  className?: string
}

const STEP = 16

export function SplitPane({ start, end, defaultSize = 280, min = 160, max = 640, label, className }: SplitPaneProps): ReactElement {
  const [size, setSize] = useState(defaultSize)
  const root = useRef<HTMLDivElement>(null)
  const clamp = useCallback((value: number) => Math.min(max, Math.max(min, value)), [min, max])

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId) || !root.current) return
    setSize(clamp(event.clientX - root.current.getBoundingClientRect().left))
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? STEP * 4 : STEP
    const next =
      event.key === 'ArrowLeft' ? size - step : event.key === 'ArrowRight' ? size + step : event.key === 'Home' ? min : event.key === 'End' ? max : null
    if (next === null) return
    event.preventDefault()
    setSize(clamp(next))
  }

  return (
    <div ref={root} className={className ? `ui-split ${className}` : 'ui-split'} style={{ gridTemplateColumns: `${size}px 6px minmax(0, 1fr)` }}>
      <div className="ui-split__pane">{start}</div>
      <div
        className="ui-split__divider"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuenow={size}
        aria-valuemin={min}
        aria-valuemax={max}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      />
      <div className="ui-split__pane">{end}</div>
    </div>
  )
}
