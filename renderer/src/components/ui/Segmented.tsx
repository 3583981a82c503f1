// components/ui/Segmented.tsx — a small one-of-few switch (Logs' level, a view mode): a labelled group of toggle
// buttons, the chosen one aria-pressed. For more than ~5 choices use Select. Styles: Segmented.css.
import type { ReactElement, ReactNode } from 'react'

export interface SegmentedProps<Value extends string> {
  /** Shown before the buttons and names the group. */
  label: string
  options: Array<{ value: Value; label: ReactNode }>
  value: Value
  onValueChange(value: Value): void
}

export function Segmented<Value extends string>({ label, options, value, onValueChange }: SegmentedProps<Value>): ReactElement {
  return (
    <div className="ui-segmented" role="group" aria-label={label}>
      <span className="ui-segmented__label" aria-hidden="true">
        {label}
      </span>
      {options.map((option) => (
        <button key={option.value} type="button" className="ui-segmented__item" aria-pressed={option.value === value} onClick={() => onValueChange(option.value)}>
          {option.label}
        </button>
      ))}
    </div>
  )
}
