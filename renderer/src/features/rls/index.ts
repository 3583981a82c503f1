// features/rls/index.ts — what the RLS simulator offers the rest of the studio: its view and palette commands
// (for the feature registry), and the silent-filter hint the table browser and log viewer put next to a read.
export { RlsView } from './RlsView'
export { RLS_COMMANDS } from './rls-commands'
export { HiddenRowsHint } from './HiddenRowsHint'
export { useHiddenCount, tableOfPath, explainReadTable, type HiddenCountState } from './hidden-rows'
