// contract/studio-status.ts — the wire shape of GET /studio/api/status, shared by the runtime
// (which sends it) and the renderer (which polls it). Types only: nothing here runs.

/** Whether the runtime can currently reach its PostgreSQL. */
export type DatabaseState = 'up' | 'down'

export interface StudioStatus {
  /** Base URL an app passes to createClient(), e.g. http://127.0.0.1:8080 */
  apiUrl: string
  anonKey: string
  serviceRoleKey: string
  /** A URL a developer can give to psql (superuser on the embedded server). */
  databaseUrl: string
  /** PostgreSQL's own version string, e.g. "18.0". */
  postgresVersion: string
  /** When the runtime started, ISO 8601. */
  startedAt: string
  /** Seconds since the runtime started, measured by the runtime at response time. */
  uptimeSeconds: number
  database: DatabaseState
  /** The app's version (package.json). */
  version: string
  /** Where this runtime keeps PostgreSQL's data, keys and logs. */
  dataDir?: string
  /** Resident memory of the runtime process, in bytes. */
  memoryRssBytes?: number
  /** The app's TypeScript types file the runtime keeps current (--types-out), when it keeps one. */
  typesFile?: TypesFileStatus
  /** Change capture: running, or the server setting or privilege to change before it can (--database-url). */
  realtime?: { up: boolean; problem: string | null }
  /** What works in a degraded way on this server, e.g. no DDL event trigger without a superuser. */
  notes?: Array<{ component: string; message: string }>
}

export interface TypesFileStatus {
  /** Absolute path of the file. */
  path: string
  /** When its content last changed (or, before any change, its modification time), ISO 8601. */
  writtenAt?: string
  /** Why the last attempt to write it failed; absent once a write succeeds. */
  error?: string
}

/** Path of the status endpoint, relative to the runtime's origin. */
export const STUDIO_STATUS_PATH = '/studio/api/status'
