// renderer/src/components/Icon.tsx — kept for existing imports; the icons are the kit's (components/ui/Icon.tsx).
export { Icon, LogoMark, type IconName } from './ui/Icon'
