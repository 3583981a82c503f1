// features/rls/common/Notice.tsx — a one-paragraph message inside a simulator panel: an error where the action
// was taken, a warning (bypass, missing grant, non-transactional effects), or a neutral note.
import type { ReactElement, ReactNode } from 'react'

export function Notice({ tone, title, children, testId }: { tone: 'error' | 'warn' | 'info' | 'ok'; title?: string; children?: ReactNode; testId?: string }): ReactElement {
  return (
    <div className={`rls-notice rls-notice--${tone}`} role={tone === 'error' ? 'alert' : undefined} data-testid={testId}>
      {title && <strong className="rls-notice__title">{title}</strong>}
      {children && <div className="rls-notice__body">{children}</div>}
    </div>
  )
}
