// renderer/src/components/RevealButton.tsx — kept for existing imports; the component is the kit's (components/ui).
export { RevealButton, type RevealButtonProps } from './ui/CopyButton'
