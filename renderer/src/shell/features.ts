// renderer/src/shell/features.ts — the studio's features, in sidebar order. Adding a feature is one entry here;
// each lives in renderer/src/features/<id>/ and owns its components, slice and API calls. Every view but the
// Overview (the first paint) loads its code when first opened: this file, the sidebar, the palette and the
// shortcuts import only import() thunks and light command lists, never a view module.
import type { Feature } from './feature'
import { lazyView } from './lazy-view'
import { OverviewView } from '../features/overview/OverviewView'
import { TABLES_FEATURE } from '../features/tables'
import { RLS_COMMANDS } from '../features/rls/rls-commands'

const StorageView = lazyView(() => import('../features/storage/StorageView'), (m) => m.StorageView)
const SqlView = lazyView(() => import('../features/sql/SqlView'), (m) => m.SqlView)
const AuthView = lazyView(() => import('../features/auth/AuthView'), (m) => m.AuthView)
const LogsView = lazyView(() => import('../features/logs/LogsView'), (m) => m.LogsView)
const RlsView = lazyView(() => import('../features/rls/RlsView'), (m) => m.RlsView)
const RealtimeView = lazyView(() => import('../features/realtime/RealtimeView'), (m) => m.RealtimeView)
const FunctionsView = lazyView(() => import('../features/functions/FunctionsView'), (m) => m.FunctionsView)
const JobsView = lazyView(() => import('../features/jobs/JobsView'), (m) => m.JobsView)
const ProjectView = lazyView(() => import('../features/project/ProjectView'), (m) => m.ProjectView)

export const FEATURES: Feature[] = [
  { id: 'overview', label: 'Overview', glyph: 'O', shortcutDigit: 1, component: OverviewView },
  TABLES_FEATURE,
  { id: 'sql', label: 'SQL', glyph: 'S', shortcutDigit: 3, component: SqlView },
  { id: 'auth', label: 'Auth', glyph: 'A', shortcutDigit: 4, component: AuthView },
  { id: 'storage', label: 'Storage', glyph: 'St', shortcutDigit: 8, component: StorageView },
  { id: 'rls', label: 'RLS', glyph: 'R', shortcutDigit: 5, component: RlsView, commands: RLS_COMMANDS },
  { id: 'realtime', label: 'Realtime', glyph: 'Rt', shortcutDigit: 6, component: RealtimeView },
  { id: 'logs', label: 'Logs', glyph: 'L', shortcutDigit: 7, component: LogsView },
  { id: 'functions', label: 'Functions', glyph: 'Fn', component: FunctionsView },
  { id: 'jobs', label: 'Jobs', glyph: 'J', component: JobsView },
  { id: 'project', label: 'Project', glyph: 'P', component: ProjectView },
]
