// components/ui/Toolbar.tsx — a row of controls above a view or a table that wraps onto more lines when the window
// is narrow (never clips). `ToolbarSpacer` pushes what follows to the end; `ToolbarGroup` keeps a few controls
// together when wrapping. A plain labelled group, not an ARIA toolbar: Tab reaches each control, as in the rest of
// the studio. Styles: Toolbar.css.
import type { ReactElement, ReactNode } from 'react'

export interface ToolbarProps {
  /** Names the group for screen readers ("Table actions"). */
  label: string
  /** `bar` (default): a strip with a bottom border, as above a grid; `plain`: no border or background. */
  variant?: 'bar' | 'plain'
  className?: string
  children: ReactNode
}

export function Toolbar({ label, variant = 'bar', className, children }: ToolbarProps): ReactElement {
  const classes = `ui-toolbar ui-toolbar--${variant}${className ? ` ${className}` : ''}`
  return (
    <div className={classes} role="group" aria-label={label}>
      {children}
    </div>
  )
}

export function ToolbarSpacer(): ReactElement {
  return <span className="ui-toolbar__spacer" aria-hidden="true" />
}

export function ToolbarGroup({ children }: { children: ReactNode }): ReactElement {
  return <div className="ui-toolbar__group">{children}</div>
}

/** Quiet text inside a toolbar (a row count, "saving…"). */
export function ToolbarText({ children }: { children: ReactNode }): ReactElement {
  return <span className="ui-toolbar__text">{children}</span>
}
