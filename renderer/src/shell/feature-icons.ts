// renderer/src/shell/feature-icons.ts — the sidebar's icon for each feature id (lucide-react). A feature without an
// entry shows its `glyph` letters instead, so a new feature works before it picks an icon.
import { FolderGit2, HardDrive, LayoutDashboard, Radio, ScrollText, ShieldCheck, SquareTerminal, Table2, Timer, Users, Zap, type LucideIcon } from 'lucide-react'

export const FEATURE_ICONS: Record<string, LucideIcon> = {
  overview: LayoutDashboard,
  tables: Table2,
  sql: SquareTerminal,
  auth: Users,
  storage: HardDrive,
  rls: ShieldCheck,
  realtime: Radio,
  logs: ScrollText,
  functions: Zap,
  jobs: Timer,
  project: FolderGit2,
}
