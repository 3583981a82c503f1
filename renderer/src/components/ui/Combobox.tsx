// components/ui/Combobox.tsx — a searchable single choice for long lists (users, tables, buckets): a trigger like
// Select's that opens a Popover (Radix: focus in, Escape, focus back) holding a cmdk list (typing filters by label,
// value and description; arrow keys move, Enter picks; the input is an ARIA combobox over a listbox). Styles:
// Select.css (trigger), Menu.css (list), Combobox.css (search box).
import { Command } from 'cmdk'
import * as RadixPopover from '@radix-ui/react-popover'
import { useState, type ReactElement } from 'react'
import { Icon } from './Icon'

export interface ComboboxOption {
  value: string
  label: string
  /** A second line (an email's user id, a table's schema). Searched too. */
  description?: string
  disabled?: boolean
}

export interface ComboboxProps {
  options: ComboboxOption[]
  value: string | undefined
  onValueChange(value: string): void
  placeholder?: string
  searchPlaceholder?: string
  /** Said when the search matches nothing. */
  emptyText?: string
  /** Shown in place of the list while options load. */
  loading?: boolean
  disabled?: boolean
  id?: string
  'aria-label'?: string
  'aria-describedby'?: string
  'aria-invalid'?: true
  'data-testid'?: string
}

export function Combobox({
  options,
  value,
  onValueChange,
  placeholder = 'Choose…',
  searchPlaceholder = 'Search…',
  emptyText = 'Nothing matches.',
  loading = false,
  disabled,
  ...aria
}: ComboboxProps): ReactElement {
  const [open, setOpen] = useState(false)
  const selected = options.find((option) => option.value === value)
  return (
    <RadixPopover.Root open={open} onOpenChange={setOpen}>
      <RadixPopover.Trigger asChild disabled={disabled}>
        <button type="button" className="ui-select-trigger" {...aria}>
          <span className={selected ? undefined : 'ui-select-trigger__placeholder'}>{selected?.label ?? placeholder}</span>
          <span className="ui-select-trigger__icon">
            <Icon name="chevronDown" size={14} />
          </span>
        </button>
      </RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content className="ui-popover ui-combobox" align="start" sideOffset={4} collisionPadding={8}>
          <Command label={aria['aria-label'] ?? placeholder} loop>
            <div className="ui-combobox__search">
              <Icon name="search" size={14} />
              <Command.Input className="ui-combobox__input" placeholder={searchPlaceholder} autoFocus />
            </div>
            <Command.List className="ui-combobox__list">
              {loading ? (
                <Command.Loading>
                  <div className="ui-menu__empty">Loading…</div>
                </Command.Loading>
              ) : (
                <Command.Empty className="ui-menu__empty">{emptyText}</Command.Empty>
              )}
              {options.map((option) => (
                <Command.Item
                  key={option.value}
                  value={option.value}
                  keywords={[option.label, option.description ?? '']}
                  disabled={option.disabled}
                  className="ui-menu__item"
                  onSelect={() => {
                    onValueChange(option.value)
                    setOpen(false)
                  }}
                >
                  <span className="ui-menu__label">
                    {option.label}
                    {option.description && <span className="ui-menu__description"> {option.description}</span>}
                  </span>
                  {option.value === value && (
                    <span className="ui-menu__check">
                      <Icon name="check" size={14} />
                    </span>
                  )}
                </Command.Item>
              ))}
            </Command.List>
          </Command>
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  )
}
