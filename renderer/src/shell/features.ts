// renderer/src/shell/features.ts — the studio's features, in sidebar order. Adding a feature is one entry here;
// each lives in renderer/src/features/<id>/ and owns its components, slice and API calls.
import type { Feature } from './feature'
import { OverviewView } from '../features/overview/OverviewView'
import { TABLES_FEATURE } from '../features/tables'
import { StorageView } from '../features/storage/StorageView'
import { SqlView } from '../features/sql/SqlView'
import { AuthView } from '../features/auth/AuthView'
import { LogsView } from '../features/logs/LogsView'
import { RLS_COMMANDS, RlsView } from '../features/rls'
import { RealtimeView } from '../features/realtime/RealtimeView'

export const FEATURES: Feature[] = [
  { id: 'overview', label: 'Overview', glyph: 'O', shortcutDigit: 1, component: OverviewView },
  TABLES_FEATURE,
  { id: 'sql', label: 'SQL', glyph: 'S', shortcutDigit: 3, component: SqlView },
  { id: 'auth', label: 'Auth', glyph: 'A', shortcutDigit: 4, component: AuthView },
  { id: 'storage', label: 'Storage', glyph: 'St', component: StorageView },
  { id: 'rls', label: 'RLS', glyph: 'R', shortcutDigit: 5, component: RlsView, commands: RLS_COMMANDS },
  { id: 'realtime', label: 'Realtime', glyph: 'Rt', shortcutDigit: 6, component: RealtimeView },
  { id: 'logs', label: 'Logs', glyph: 'L', shortcutDigit: 7, component: LogsView },
]
