// features/gallery/gallery-overlays.tsx — the gallery's floating parts, each opened by a button (the e2e test opens
// them, checks focus and Escape, and screenshots them): Dialog, ConfirmDialog, Menu, Popover, Tooltip (one shown
// open) and Toast.
import { useState, type ReactElement } from 'react'
import { Copy, MoreHorizontal, Pencil, Trash2 } from 'lucide-react'
import { Button, ConfirmDialog, Dialog, DialogClose, Field, IconButton, Input, Menu, Popover, Tooltip, toast } from '../../components/ui'
import { Example, GallerySection } from './gallery-layout'

export function OverlaysSection(): ReactElement {
  const [dialog, setDialog] = useState(false)
  const [confirm, setConfirm] = useState(false)
  const [picked, setPicked] = useState('nothing yet')
  return (
    <GallerySection id="overlays" title="Dialogs, menus, tooltips, toasts">
      <Example name="Dialog (focus trapped, Escape closes, focus returns)">
        <Button onClick={() => setDialog(true)} data-testid="gallery-open-dialog">
          Open dialog
        </Button>
        <Dialog
          open={dialog}
          onOpenChange={setDialog}
          title="New bucket"
          description="Buckets hold files; policies decide who reads them."
          footer={
            <>
              <DialogClose>
                <Button>Cancel</Button>
              </DialogClose>
              <Button variant="primary" onClick={() => setDialog(false)}>
                Create
              </Button>
            </>
          }
        >
          <Field label="Name">{(control) => <Input {...control} defaultValue="avatars" />}</Field>
        </Dialog>
      </Example>
      <Example name="ConfirmDialog (destructive; focus starts on Cancel)">
        <Button variant="danger" onClick={() => setConfirm(true)} data-testid="gallery-open-confirm">
          Delete user…
        </Button>
        {confirm && (
          <ConfirmDialog title="Delete alice@acme.test?" confirmLabel="Delete user" onConfirm={() => Promise.reject(new Error('The gallery does not delete anything.'))} onClose={() => setConfirm(false)}>
            Their sessions end and their rows stay. This cannot be undone.
          </ConfirmDialog>
        )}
      </Example>
      <Example name="Menu (arrow keys, Escape)">
        <div className="gallery__row">
          <Menu
            label="Row actions"
            trigger={<IconButton label="Row actions" icon={MoreHorizontal} data-testid="gallery-open-menu" />}
            items={[
              { label: 'Edit', icon: Pencil, onSelect: () => setPicked('Edit'), shortcut: 'Enter' },
              { label: 'Copy as JSON', icon: Copy, onSelect: () => setPicked('Copy as JSON') },
              { label: 'Disabled action', onSelect: () => undefined, disabled: true },
              'separator',
              { label: 'Delete', icon: Trash2, danger: true, onSelect: () => setPicked('Delete') },
            ]}
          />
          <span>Picked: {picked}</span>
        </div>
      </Example>
      <Example name="Popover">
        <Popover label="Filter rows" trigger={<Button data-testid="gallery-open-popover">Filter…</Button>}>
          <Field label="Column contains">{(control) => <Input {...control} placeholder="text" />}</Field>
        </Popover>
      </Example>
      <Example name="Tooltip (shown open; hover or focus opens)">
        <div className="gallery__row gallery__row--tall">
          <Tooltip content="Runs the statement under the cursor (Ctrl+Enter)" defaultOpen side="bottom">
            <Button>Run</Button>
          </Tooltip>
        </div>
      </Example>
      <Example name="Toast">
        <div className="gallery__row">
          <Button onClick={() => toast({ title: 'Policy applied', description: 'owners read their rows', tone: 'ok' })} data-testid="gallery-toast">
            Show a toast
          </Button>
          <Button onClick={() => toast({ title: 'Could not apply the policy', description: 'permission denied for table notes', tone: 'danger' })}>Show an error toast</Button>
        </div>
      </Example>
    </GallerySection>
  )
}
