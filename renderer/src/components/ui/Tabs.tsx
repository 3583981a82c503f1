// components/ui/Tabs.tsx — tabs on Radix Tabs (arrow keys between tabs, Home/End, the tabpanel wiring and
// aria-selected come from Radix). `Tabs` takes the tab list as data; the panels are `TabPanel`s among its children.
// Controlled (`value` + `onValueChange`) or not (`defaultValue`). Styles: Tabs.css.
import * as RadixTabs from '@radix-ui/react-tabs'
import type { ReactElement, ReactNode } from 'react'
import { Count } from './Badge'

export interface TabItem {
  value: string
  label: ReactNode
  /** A number shown after the label (e.g. unread events). */
  count?: number
  disabled?: boolean
  /** data-testid on the tab (e2e tests select tabs by it). */
  testId?: string
}

export interface TabsProps {
  tabs: TabItem[]
  /** Names the tab list for screen readers ("Realtime sections"). */
  label: string
  value?: string
  defaultValue?: string
  onValueChange?(value: string): void
  /** Content after the tab list on the same line (a toolbar, a hint). */
  aside?: ReactNode
  className?: string
  children?: ReactNode
}

export function Tabs({ tabs, label, value, defaultValue, onValueChange, aside, className, children }: TabsProps): ReactElement {
  return (
    <RadixTabs.Root
      className={className ? `ui-tabs ${className}` : 'ui-tabs'}
      value={value}
      defaultValue={defaultValue ?? (value === undefined ? tabs[0]?.value : undefined)}
      onValueChange={onValueChange}
    >
      <div className="ui-tabs__bar">
        <RadixTabs.List className="ui-tabs__list" aria-label={label}>
          {tabs.map((tab) => (
            <RadixTabs.Trigger key={tab.value} value={tab.value} className="ui-tabs__tab" disabled={tab.disabled} data-testid={tab.testId}>
              {tab.label}
              {tab.count !== undefined && <Count value={tab.count} />}
            </RadixTabs.Trigger>
          ))}
        </RadixTabs.List>
        {aside}
      </div>
      {children}
    </RadixTabs.Root>
  )
}

export function TabPanel({ value, className, children }: { value: string; className?: string; children: ReactNode }): ReactElement {
  return (
    <RadixTabs.Content value={value} className={className ? `ui-tabs__panel ${className}` : 'ui-tabs__panel'}>
      {children}
    </RadixTabs.Content>
  )
}
