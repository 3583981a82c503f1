// components/ui/Feedback.tsx — what a view says instead of content: EmptyState (nothing here yet, and what to do
// about it) and InlineError (something failed: the server's code, its message, a hint and an action to recover).
// Styles: Feedback.css.
import type { ReactElement, ReactNode } from 'react'
import type { LucideIcon } from 'lucide-react'
import { Icon, type IconName } from './Icon'

export interface EmptyStateProps {
  title: ReactNode
  /** One or two sentences: why it is empty and what fills it. */
  children?: ReactNode
  icon?: IconName | LucideIcon
  /** A Button that fills it ("Create table"). */
  action?: ReactNode
  /** `compact` for inside a table or a panel. */
  size?: 'page' | 'compact'
}

export function EmptyState({ title, children, icon, action, size = 'page' }: EmptyStateProps): ReactElement {
  return (
    <div className={`ui-empty-state ui-empty-state--${size}`}>
      {icon && (
        <span className="ui-empty-state__icon">
          <Icon name={icon} size={size === 'page' ? 22 : 18} />
        </span>
      )}
      <p className="ui-empty-state__title">{title}</p>
      {children && <div className="ui-empty-state__text">{children}</div>}
      {action && <div className="ui-empty-state__action">{action}</div>}
    </div>
  )
}

export interface InlineErrorProps {
  /** What failed, in words ("Could not load the users"). */
  title?: ReactNode
  /** The server's message, verbatim. */
  message: ReactNode
  /** The server's error code (PGRST116, 42501, 401…), shown as a tag. */
  code?: string
  /** What to try next. */
  hint?: ReactNode
  /** A Button to recover ("Retry"). */
  action?: ReactNode
}

export function InlineError({ title, message, code, hint, action }: InlineErrorProps): ReactElement {
  return (
    <div className="ui-inline-error" role="alert">
      <Icon name="alert" />
      <div className="ui-inline-error__body">
        {(title || code) && (
          <p className="ui-inline-error__title">
            {title}
            {code && <code className="ui-inline-error__code">{code}</code>}
          </p>
        )}
        <p className="ui-inline-error__message">{message}</p>
        {hint && <p className="ui-inline-error__hint">{hint}</p>}
      </div>
      {action && <div className="ui-inline-error__action">{action}</div>}
    </div>
  )
}
