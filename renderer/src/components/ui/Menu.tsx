// components/ui/Menu.tsx — Popover (a floating box anchored to its trigger, on Radix Popover: focus moves in, Escape
// and outside clicks close, focus returns to the trigger) and Menu (a list of actions on Radix DropdownMenu: arrow
// keys, typeahead, Escape). Styles: Menu.css (also used by Select's and Combobox's lists).
import * as RadixMenu from '@radix-ui/react-dropdown-menu'
import * as RadixPopover from '@radix-ui/react-popover'
import type { ReactElement, ReactNode } from 'react'
import type { LucideIcon } from 'lucide-react'
import { Icon, type IconName } from './Icon'

export interface PopoverProps {
  /** The element that opens it (a Button or IconButton). */
  trigger: ReactElement
  /** Names the popover's dialog for screen readers. */
  label: string
  open?: boolean
  onOpenChange?(open: boolean): void
  side?: 'top' | 'right' | 'bottom' | 'left'
  align?: 'start' | 'center' | 'end'
  /** Extra class on the floating box (its width, for a larger form). */
  className?: string
  children: ReactNode
}

export function Popover({ trigger, label, open, onOpenChange, side = 'bottom', align = 'start', className, children }: PopoverProps): ReactElement {
  return (
    <RadixPopover.Root open={open} onOpenChange={onOpenChange}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content className={className ? `ui-popover ui-popover--padded ${className}` : 'ui-popover ui-popover--padded'} side={side} align={align} sideOffset={6} aria-label={label} collisionPadding={8}>
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  )
}

export interface MenuItem {
  label: string
  onSelect(): void
  icon?: IconName | LucideIcon
  /** Red text, for destructive actions (they should still confirm). */
  danger?: boolean
  disabled?: boolean
  /** A keyboard shortcut shown at the end ("Ctrl+S"); display only. */
  shortcut?: string
}

export interface MenuProps {
  trigger: ReactElement
  /** Items, with `'separator'` between groups. */
  items: Array<MenuItem | 'separator'>
  align?: 'start' | 'center' | 'end'
  label?: string
}

export function Menu({ trigger, items, align = 'end', label }: MenuProps): ReactElement {
  return (
    <RadixMenu.Root>
      <RadixMenu.Trigger asChild>{trigger}</RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content className="ui-popover" align={align} sideOffset={4} collisionPadding={8} aria-label={label}>
          {items.map((item, index) =>
            item === 'separator' ? (
              <RadixMenu.Separator key={`separator-${index}`} className="ui-menu__separator" />
            ) : (
              <RadixMenu.Item
                key={item.label}
                className={item.danger ? 'ui-menu__item ui-menu__item--danger' : 'ui-menu__item'}
                disabled={item.disabled}
                onSelect={item.onSelect}
              >
                {item.icon && <Icon name={item.icon} size={14} />}
                <span className="ui-menu__label">{item.label}</span>
                {item.shortcut && <kbd className="ui-menu__shortcut">{item.shortcut}</kbd>}
              </RadixMenu.Item>
            ),
          )}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  )
}
