// components/ui/Select.tsx — a single-choice dropdown on Radix Select (listbox semantics, typeahead, arrow keys,
// focus returned to the trigger). For long or searchable lists (users, tables) use Combobox. Give it an `id` and the
// aria props from Field, or an `aria-label` when it stands alone. Styles: Select.css.
import * as RadixSelect from '@radix-ui/react-select'
import type { ReactElement } from 'react'
import { Icon } from './Icon'

export interface SelectOption {
  value: string
  label: string
  disabled?: boolean
}

export interface SelectProps {
  options: SelectOption[]
  value?: string
  onValueChange(value: string): void
  placeholder?: string
  disabled?: boolean
  size?: 'md' | 'sm'
  id?: string
  'aria-label'?: string
  'aria-describedby'?: string
  'aria-invalid'?: true
  'data-testid'?: string
}

export function Select({ options, value, onValueChange, placeholder = 'Choose…', disabled, size = 'md', ...aria }: SelectProps): ReactElement {
  return (
    <RadixSelect.Root value={value} onValueChange={onValueChange} disabled={disabled}>
      <RadixSelect.Trigger className={`ui-select-trigger ui-select-trigger--${size}`} {...aria}>
        <RadixSelect.Value placeholder={placeholder} />
        <RadixSelect.Icon className="ui-select-trigger__icon">
          <Icon name="chevronDown" size={14} />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content className="ui-popover ui-select-content" position="popper" sideOffset={4}>
          <RadixSelect.Viewport>
            {options.map((option) => (
              <RadixSelect.Item key={option.value} value={option.value} disabled={option.disabled} className="ui-menu__item">
                <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
                <RadixSelect.ItemIndicator className="ui-menu__check">
                  <Icon name="check" size={14} />
                </RadixSelect.ItemIndicator>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  )
}
