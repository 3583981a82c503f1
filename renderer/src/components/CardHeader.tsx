// renderer/src/components/CardHeader.tsx — kept for existing imports; the component is the kit's (components/ui).
export { CardHeader, type CardHeaderProps } from './ui/Card'
