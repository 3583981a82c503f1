// components/ui/Badge.tsx — small labels: Badge (a status or kind, coloured by tone), Chip (a toggle filter pill)
// and Count (the number beside a tab or a heading). Styles: Badge.css.
import type { ButtonHTMLAttributes, ReactElement, ReactNode } from 'react'

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'accent'

export interface BadgeProps {
  tone?: Tone
  /** `sm` (default): a compact tag inside rows and headings; `md`: a status pill (the Overview's "Running"). */
  size?: 'sm' | 'md'
  /** A leading dot in the badge's colour (for states: up/down/live). */
  dot?: boolean
  title?: string
  children: ReactNode
}

export function Badge({ tone = 'neutral', size = 'sm', dot = false, title, children }: BadgeProps): ReactElement {
  const base = size === 'md' ? 'badge' : 'ui-tag'
  return (
    <span className={`${base} ${base}--${tone}`} title={title}>
      {dot && <span className="badge__dot" aria-hidden="true" />}
      {children}
    </span>
  )
}

export interface ChipProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  /** Chips are toggles: `selected` sets aria-pressed. */
  selected: boolean
  children: ReactNode
}

export function Chip({ selected, className, children, ...rest }: ChipProps): ReactElement {
  return (
    <button type="button" className={className ? `ui-chip ${className}` : 'ui-chip'} aria-pressed={selected} {...rest}>
      {children}
    </button>
  )
}

/** A number in a bubble; `label` is read instead of the bare number (e.g. "3 unread events"). */
export function Count({ value, label, tone = 'accent' }: { value: number; label?: string; tone?: 'accent' | 'solid' }): ReactElement {
  return (
    <span className={`ui-count ui-count--${tone}`} aria-label={label}>
      {value}
    </span>
  )
}
