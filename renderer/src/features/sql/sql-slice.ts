// features/sql/sql-slice.ts — the `sql` slice: the console's display settings (\x expanded mode, \timing), kept
// across restarts, and whether a statement is running (the toolbar's Cancel button and the tab's busy mark).
import type { SliceCreator } from '../../store/studio-state'
import type { ExpandedMode } from './result-format'

export interface SqlSlice {
  sqlExpanded: ExpandedMode
  sqlTiming: boolean
  sqlRunning: boolean
  setSqlExpanded(mode: ExpandedMode): void
  setSqlTiming(on: boolean): void
  setSqlRunning(running: boolean): void
}

const KEY = 'fluxbase-studio.sql-display'

function restored(): { sqlExpanded: ExpandedMode; sqlTiming: boolean } {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { expanded?: string; timing?: boolean } | null
    const expanded = saved?.expanded === 'on' || saved?.expanded === 'off' || saved?.expanded === 'auto' ? saved.expanded : 'auto'
    return { sqlExpanded: expanded, sqlTiming: saved?.timing === true }
  } catch {
    return { sqlExpanded: 'auto', sqlTiming: false }
  }
}

function persist(expanded: ExpandedMode, timing: boolean): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ expanded, timing }))
  } catch {
    // Not remembered; the setting still applies now.
  }
}

export const createSqlSlice: SliceCreator<SqlSlice> = (set, get) => ({
  ...restored(),
  sqlRunning: false,
  setSqlExpanded(mode) {
    persist(mode, get().sqlTiming)
    set({ sqlExpanded: mode })
  },
  setSqlTiming(on) {
    persist(get().sqlExpanded, on)
    set({ sqlTiming: on })
  },
  setSqlRunning(running) {
    set({ sqlRunning: running })
  },
})
