// renderer/src/shell/feature.ts — what a studio feature (Tables, SQL, RLS…) gives the shell: its place in the
// sidebar and palette, a keyboard shortcut, and the component that fills the main area.
import type { ComponentType } from 'react'

export interface Feature {
  id: string
  label: string
  /** One or two letters for the sidebar mark. */
  glyph: string
  /** Digit of the Ctrl/Cmd+digit shortcut. */
  shortcutDigit?: number
  /** Extra palette commands (e.g. "Create table…"), run with the store already on this feature. */
  commands?: Array<{ id: string; label: string; run: () => void }>
  component: ComponentType
}
