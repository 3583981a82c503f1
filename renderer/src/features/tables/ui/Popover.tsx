// features/tables/ui/Popover.tsx — a toolbar button with a panel under it (columns, export, copy), on the kit's
// Popover: focus moves in, Escape or a click outside closes it and focus returns to the button.
import { useState, type ReactElement, type ReactNode } from 'react'
import { Button, Icon, Popover as KitPopover } from '../../../components/ui'

export function Popover({ label, title, children, align = 'left', badge, testId }: { label: string; title?: string; children: (close: () => void) => ReactNode; align?: 'left' | 'right'; badge?: ReactNode; testId?: string }): ReactElement {
  const [open, setOpen] = useState(false)
  return (
    <KitPopover
      label={title ?? label}
      open={open}
      onOpenChange={setOpen}
      align={align === 'right' ? 'end' : 'start'}
      trigger={
        <Button title={title} data-testid={testId}>
          {label}
          {badge}
          <Icon name="chevronDown" size={14} />
        </Button>
      }
    >
      {children(() => setOpen(false))}
    </KitPopover>
  )
}
