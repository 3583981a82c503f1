// renderer/src/api/project-api.ts — the Project view's calls to /studio/api/project (project/project-routes.ts):
// the folder's state, apply pending, drift check and accept, reset, and snapshots. A leaf: the connection comes
// from configureStudioApi through studioCall, never from the store.
import { studioCall } from './studio-api'

export type MigrationState = 'applied' | 'pending' | 'failed' | 'drift' | 'missing'

export interface ProjectMigration {
  name: string
  file?: string
  state: MigrationState
  appliedAt: string | null
}

export interface SqlFailure {
  file: string
  name?: string
  line?: number
  message: string
  detail?: string
  hint?: string
  code?: string
}

export interface ProjectStatus {
  root: string
  migrationsDir: string
  exists: boolean
  migrations: ProjectMigration[]
  failure: SqlFailure | null
  problems: Array<{ file: string; message: string }>
  drift: string[]
  seeded: boolean
}

export interface DriftReport {
  inSync: boolean
  statements: string[]
}

export interface SnapshotInfo {
  name: string
  createdAt: string
  sizeBytes: number
  storageBytes: number
  postgresVersion: string
}

const BASE = '/studio/api/project'
const studio = { asIdentity: false } as const

export function projectStatus(signal?: AbortSignal): Promise<ProjectStatus> {
  return studioCall<ProjectStatus>(BASE, { ...studio, signal })
}

export function applyPending(): Promise<{ applied: string[]; failure: SqlFailure | null }> {
  return studioCall(`${BASE}/migrate`, { ...studio, method: 'POST', body: {} })
}

export function checkDrift(signal?: AbortSignal): Promise<DriftReport> {
  return studioCall<DriftReport>(`${BASE}/diff`, { ...studio, signal })
}

/** Records the edited file of an applied migration as the applied one (never re-runs it). */
export function acceptDrift(name: string): Promise<{ accepted: string }> {
  return studioCall(`${BASE}/drift/accept`, { ...studio, body: { name } })
}

export function resetDatabase(): Promise<{ template: string; built: boolean; ms: number }> {
  return studioCall(`${BASE}/reset`, { ...studio, method: 'POST', body: {} })
}

export async function listSnapshots(signal?: AbortSignal): Promise<SnapshotInfo[]> {
  return (await studioCall<{ snapshots: SnapshotInfo[] }>(`${BASE}/snapshots`, { ...studio, signal })).snapshots
}

export function saveSnapshot(name: string): Promise<unknown> {
  return studioCall(`${BASE}/snapshots`, { ...studio, body: { name } })
}

export function restoreSnapshot(name: string): Promise<unknown> {
  return studioCall(`${BASE}/snapshots/${encodeURIComponent(name)}/restore`, { ...studio, method: 'POST', body: {} })
}

export function deleteSnapshot(name: string): Promise<unknown> {
  return studioCall(`${BASE}/snapshots/${encodeURIComponent(name)}`, { ...studio, method: 'DELETE' })
}
