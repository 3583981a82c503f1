// renderer/src/components/Skeleton.tsx — the placeholder shown where a value has not arrived yet,
// so the layout does not jump when the first status comes in.
import type { ReactElement } from 'react'

export function Skeleton({ width = '10rem' }: { width?: string }): ReactElement {
  return <span className="skeleton" style={{ width }} aria-label="Loading" />
}
