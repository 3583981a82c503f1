// renderer/src/store/navigation-slice.ts — which view the studio shows (Tables, SQL, RLS…) and its parameters
// (e.g. the open table). The last view is remembered across restarts (localStorage).
import type { SliceCreator } from './studio-state'

export interface NavigationSlice {
  view: string
  viewParams: Record<string, string>
  navigate(view: string, params?: Record<string, string>): void
}

const KEY = 'fluxbase-studio.view'

function restored(): { view: string; viewParams: Record<string, string> } {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { view?: string; viewParams?: Record<string, string> } | null
    if (saved?.view) return { view: saved.view, viewParams: saved.viewParams ?? {} }
  } catch {
    // A broken saved value: start on the overview.
  }
  return { view: 'overview', viewParams: {} }
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = (set) => ({
  ...restored(),
  navigate(view, params = {}) {
    set({ view, viewParams: params })
    try {
      localStorage.setItem(KEY, JSON.stringify({ view, viewParams: params }))
    } catch {
      // Storage full or disabled: navigation still works, it is just not remembered.
    }
  },
})
