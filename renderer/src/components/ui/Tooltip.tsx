// components/ui/Tooltip.tsx — a short hint on hover and keyboard focus, on Radix Tooltip (it wires
// aria-describedby, opens on focus, closes on Escape). It describes, never names: an IconButton still needs its own
// `label`. Each Tooltip carries its own provider, so it works anywhere without setup. Styles: Tooltip.css.
import * as RadixTooltip from '@radix-ui/react-tooltip'
import type { ReactElement, ReactNode } from 'react'

export interface TooltipProps {
  content: ReactNode
  /** One focusable element (a Button, IconButton, a link). */
  children: ReactElement
  side?: 'top' | 'right' | 'bottom' | 'left'
  /** Open from the start (the gallery shows it). */
  defaultOpen?: boolean
}

export function Tooltip({ content, children, side = 'top', defaultOpen }: TooltipProps): ReactElement {
  return (
    <RadixTooltip.Provider delayDuration={400}>
      <RadixTooltip.Root defaultOpen={defaultOpen}>
        <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
        <RadixTooltip.Portal>
          <RadixTooltip.Content className="ui-tooltip" side={side} sideOffset={6} collisionPadding={8}>
            {content}
          </RadixTooltip.Content>
        </RadixTooltip.Portal>
      </RadixTooltip.Root>
    </RadixTooltip.Provider>
  )
}
