// features/tables/index.ts — the Tables feature as the shell registers it: sidebar entry, Ctrl/Cmd+2, and the
// palette's "Create table…" and "Refresh tables" (run with the store already on this feature). The view (and the grid
// with it) loads when Tables first opens; the commands only touch the store.
import type { Feature } from '../../shell/feature'
import { lazyView } from '../../shell/lazy-view'
import { studioStore } from '../../store'

const TablesView = lazyView(() => import('./TablesView'), (m) => m.TablesView)

export const TABLES_FEATURE: Feature = {
  id: 'tables',
  label: 'Tables',
  glyph: 'T',
  shortcutDigit: 2,
  component: TablesView,
  commands: [
    { id: 'tables:create', label: 'Create table…', run: () => studioStore.getState().setCreateTableOpen(true) },
    {
      id: 'tables:refresh',
      label: 'Refresh tables',
      run: () => {
        const s = studioStore.getState()
        void s.loadTableList()
        const { schema, table } = s.viewParams
        if (schema && table) void s.loadStructure(schema, table, true)
      },
    },
  ],
}
