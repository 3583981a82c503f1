// renderer/src/shell/ViewLoading.tsx — what the main area shows while a view's code is still loading (the first
// time that view opens): a few skeleton lines, announced as busy.
import type { ReactElement } from 'react'
import { Skeleton } from '../components/Skeleton'

export function ViewLoading({ label }: { label: string }): ReactElement {
  return (
    <div className="view-loading" role="status" aria-busy="true" aria-label={`Loading ${label}`} style={{ display: 'grid', gap: '0.75rem', padding: '1.5rem' }}>
      <Skeleton width="14rem" />
      <Skeleton width="28rem" />
      <Skeleton width="22rem" />
    </div>
  )
}
