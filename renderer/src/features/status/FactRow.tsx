// renderer/src/features/status/FactRow.tsx — one labelled fact in the runtime card; the value is
// whatever element the caller renders (text, a badge, a ticking clock).
import type { ReactElement, ReactNode } from 'react'

export interface FactRowProps {
  label: string
  children: ReactNode
  testId?: string
  /** Label above the value, for values too long to share a line with it (paths). */
  stacked?: boolean
}

export function FactRow({ label, children, testId, stacked }: FactRowProps): ReactElement {
  return (
    <div className={stacked ? 'fact fact--stacked' : 'fact'} data-testid={testId}>
      <dt className="fact__label">{label}</dt>
      <dd className="fact__content">{children}</dd>
    </div>
  )
}
