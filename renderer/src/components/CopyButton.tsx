// renderer/src/components/CopyButton.tsx — kept for existing imports; the component is the kit's (components/ui).
export { CopyButton } from './ui/CopyButton'
