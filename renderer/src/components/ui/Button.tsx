// components/ui/Button.tsx — the studio's buttons: Button (text, optional icon, a busy state) and IconButton (an
// icon with a required accessible name, optionally a toggle). Styles: Button.css (.ui-button, .icon-button).
import { forwardRef, type ButtonHTMLAttributes, type ReactElement, type ReactNode } from 'react'
import { Icon, type IconName } from './Icon'
import type { LucideIcon } from 'lucide-react'

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'danger-solid' | 'ghost'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
  size?: 'md' | 'sm'
  /** An icon before the text. */
  icon?: IconName | LucideIcon
  /** Shows a spinner, disables the button and sets aria-busy; the text stays (say what is happening, e.g. "Saving…"). */
  busy?: boolean
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'default', size = 'md', icon, busy = false, className, disabled, type = 'button', children, ...rest },
  ref,
) {
  const classes = ['ui-button']
  if (variant !== 'default') classes.push(`ui-button--${variant}`)
  if (size === 'sm') classes.push('ui-button--small')
  if (className) classes.push(className)
  return (
    <button ref={ref} type={type} className={classes.join(' ')} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <span className="ui-spinner" aria-hidden="true" /> : icon ? <Icon name={icon} size={size === 'sm' ? 14 : 16} /> : null}
      {children}
    </button>
  )
})

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label'> {
  /** The accessible name (also the hover title unless `title` is given). Required: an icon alone says nothing. */
  label: string
  icon: IconName | LucideIcon
  /** For toggles: sets aria-pressed and the accent colour. */
  pressed?: boolean
  /** Visual feedback after an action (CopyButton uses it). */
  state?: 'idle' | 'ok' | 'failed'
  size?: 'md' | 'sm'
  children?: ReactNode
}

export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { label, icon, pressed, state = 'idle', size = 'md', className, title, type = 'button', children, ...rest },
  ref,
): ReactElement {
  const classes = ['icon-button']
  if (size === 'sm') classes.push('icon-button--small')
  if (className) classes.push(className)
  return (
    <button
      ref={ref}
      type={type}
      className={classes.join(' ')}
      aria-label={label}
      aria-pressed={pressed}
      title={title ?? label}
      data-state={state === 'ok' ? 'copied' : state === 'failed' ? 'failed' : undefined}
      {...rest}
    >
      <Icon name={icon} size={size === 'sm' ? 14 : 16} />
      {children}
    </button>
  )
})
