// renderer/src/components/ConfirmDialog.tsx — kept for existing imports; the component is the kit's (components/ui).
export { ConfirmDialog, type ConfirmDialogProps } from './ui/ConfirmDialog'
