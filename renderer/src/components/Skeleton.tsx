// renderer/src/components/Skeleton.tsx — kept for existing imports; the component is the kit's (components/ui).
export { Skeleton } from './ui/Skeleton'
