// features/tables/ui/Modal.tsx — the table browser's dialogs (review, insert, value viewer, create table, drop
// column) on the kit's Dialog: mounted while open, focus trapped inside and given back to the opener on close,
// Escape and a click outside close it.
import type { ReactElement, ReactNode } from 'react'
import { Dialog } from '../../../components/ui'

export function Modal({ title, onClose, children, footer, wide = false, testId }: { title: ReactNode; onClose: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean; testId?: string }): ReactElement {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={title} footer={footer} size={wide ? 'lg' : 'md'} testId={testId}>
      {children}
    </Dialog>
  )
}
