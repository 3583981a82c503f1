// components/ui/Icon.tsx — the studio's icons: lucide-react's line icons by a short name, drawn inline (no icon font,
// no network). Decorative (aria-hidden) by default; the control around an icon carries the accessible name, or pass
// `label` for an icon that stands alone and means something.
import type { ReactElement } from 'react'
import {
  Check,
  ChevronDown,
  Copy,
  Database,
  Eye,
  EyeOff,
  Info,
  Plug,
  Search,
  TriangleAlert,
  X,
  type LucideIcon,
} from 'lucide-react'

const ICONS = {
  copy: Copy,
  check: Check,
  eye: Eye,
  eyeOff: EyeOff,
  alert: TriangleAlert,
  database: Database,
  plug: Plug,
  close: X,
  chevronDown: ChevronDown,
  search: Search,
  info: Info,
} satisfies Record<string, LucideIcon>

export type IconName = keyof typeof ICONS

export interface IconProps {
  /** A kit name (`copy`, `alert`…) or any lucide-react icon component. */
  name: IconName | LucideIcon
  size?: number
  /** Gives the icon a name for assistive technology (only when it stands alone and carries meaning). */
  label?: string
}

export function Icon({ name, size = 16, label }: IconProps): ReactElement {
  const Glyph = typeof name === 'string' ? ICONS[name] : name
  return (
    <Glyph
      className="icon"
      size={size}
      strokeWidth={2}
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? 'img' : undefined}
      focusable="false"
    />
  )
}

/** The Fluxbase Studio mark: the favicon's bolt on its gradient tile. */
export function LogoMark({ size = 28 }: { size?: number }): ReactElement {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="logo-gradient" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#7c6cff" />
          <stop offset="1" stopColor="#22c3ee" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#logo-gradient)" />
      <path d="M18.5 5 9 18h6l-1.5 9L23 14h-6z" fill="#fff" />
    </svg>
  )
}
