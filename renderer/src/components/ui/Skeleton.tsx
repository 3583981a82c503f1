// components/ui/Skeleton.tsx — placeholders where content has not arrived yet, so the layout does not jump:
// Skeleton (one bar in a line of text) and SkeletonRows (a few table-like rows). Announced once as "Loading".
// Styles: Skeleton.css.
import type { ReactElement } from 'react'

export function Skeleton({ width = '10rem' }: { width?: string }): ReactElement {
  return <span className="skeleton" style={{ width }} aria-label="Loading" role="img" />
}

const WIDTHS = ['62%', '48%', '74%', '55%', '68%', '40%']

export function SkeletonRows({ rows = 4, columns = 3, label = 'Loading' }: { rows?: number; columns?: number; label?: string }): ReactElement {
  return (
    <div className="ui-skeleton-rows" role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="ui-skeleton-rows__row" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
          {Array.from({ length: columns }, (_, column) => (
            <span key={column} className="skeleton" style={{ width: WIDTHS[(row + column) % WIDTHS.length] }} />
          ))}
        </div>
      ))}
    </div>
  )
}
