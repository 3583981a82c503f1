// renderer/src/components/CardHeader.tsx — the header every Overview card opens with: an icon, a title (the id the
// card's aria-labelledby points at) and a one-line subtitle.
import type { ReactElement } from 'react'
import { Icon, type IconName } from './Icon'

export interface CardHeaderProps {
  icon: IconName
  titleId: string
  title: string
  subtitle: string
  /** The accent-coloured icon of the card that matters most. */
  accent?: boolean
}

export function CardHeader({ icon, titleId, title, subtitle, accent }: CardHeaderProps): ReactElement {
  return (
    <header className="card__header">
      <span className={accent ? 'card__icon card__icon--accent' : 'card__icon'}>
        <Icon name={icon} />
      </span>
      <div>
        <h2 className="card__title" id={titleId}>
          {title}
        </h2>
        <p className="card__subtitle">{subtitle}</p>
      </div>
    </header>
  )
}
