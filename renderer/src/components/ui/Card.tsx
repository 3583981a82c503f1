// components/ui/Card.tsx — surfaces: Card (the Overview's raised box: a header bar with icon, title, subtitle and
// actions, then a padded body) and Panel (a lighter box for sections inside a view: title, hint and actions on one
// line, then its content). Both are labelled by their title. CardHeader is the Card's header alone, for markup that
// builds its own body. Styles: Card.css.
import { useId, type ReactElement, type ReactNode } from 'react'
import { Icon, type IconName } from './Icon'
import type { LucideIcon } from 'lucide-react'

export interface CardProps {
  title?: ReactNode
  subtitle?: ReactNode
  icon?: IconName | LucideIcon
  /** The accent-coloured icon of the card that matters most. */
  accent?: boolean
  /** Buttons at the header's end. */
  actions?: ReactNode
  className?: string
  children?: ReactNode
  'data-testid'?: string
}

export function Card({ title, subtitle, icon, accent, actions, className, children, ...rest }: CardProps): ReactElement {
  const titleId = useId()
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={title ? titleId : undefined} data-testid={rest['data-testid']}>
      {title && <CardHeader titleId={titleId} title={title} subtitle={subtitle} icon={icon} accent={accent} actions={actions} />}
      <div className="card__body">{children}</div>
    </section>
  )
}

export interface CardHeaderProps {
  icon?: IconName | LucideIcon
  /** The id the card's aria-labelledby points at. */
  titleId: string
  title: ReactNode
  subtitle?: ReactNode
  accent?: boolean
  actions?: ReactNode
}

export function CardHeader({ icon, titleId, title, subtitle, accent, actions }: CardHeaderProps): ReactElement {
  return (
    <header className="card__header">
      {icon && (
        <span className={accent ? 'card__icon card__icon--accent' : 'card__icon'}>
          <Icon name={icon} />
        </span>
      )}
      <div className="card__titles">
        <h2 className="card__title" id={titleId}>
          {title}
        </h2>
        {subtitle && <p className="card__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="card__actions">{actions}</div>}
    </header>
  )
}

export interface PanelProps {
  title?: ReactNode
  /** A short line beside the title. */
  hint?: ReactNode
  actions?: ReactNode
  /** Heading level of the title (default 2). */
  level?: 2 | 3
  className?: string
  children?: ReactNode
  'data-testid'?: string
}

export function Panel({ title, hint, actions, level = 2, className, children, ...rest }: PanelProps): ReactElement {
  const titleId = useId()
  const Heading = level === 3 ? 'h3' : 'h2'
  return (
    <section className={className ? `ui-panel ${className}` : 'ui-panel'} aria-labelledby={title ? titleId : undefined} data-testid={rest['data-testid']}>
      {(title || actions) && (
        <header className="ui-panel__head">
          {title && (
            <Heading className="ui-panel__title" id={titleId}>
              {title}
            </Heading>
          )}
          {hint && <span className="ui-panel__hint">{hint}</span>}
          {actions && <div className="ui-panel__actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  )
}
