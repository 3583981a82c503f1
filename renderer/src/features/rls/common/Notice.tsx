// features/rls/common/Notice.tsx — a one-paragraph message inside a simulator panel: an error where the action
// was taken, a warning (bypass, missing grant, non-transactional effects), or a neutral note.
// Errors are the kit's InlineError; the other tones are a callout in the kit's soft tints (rls.css).
import type { ReactElement, ReactNode } from 'react'
import { InlineError } from '../../../components/ui'

export function Notice({ tone, title, children, testId }: { tone: 'error' | 'warn' | 'info' | 'ok'; title?: string; children?: ReactNode; testId?: string }): ReactElement {
  if (tone === 'error') {
    return (
      <div data-testid={testId}>
        <InlineError title={title} message={children ?? title} />
      </div>
    )
  }
  return (
    <div className={`rls-notice rls-notice--${tone}`} data-testid={testId}>
      {title && <strong className="rls-notice__title">{title}</strong>}
      {children && <div className="rls-notice__body">{children}</div>}
    </div>
  )
}
