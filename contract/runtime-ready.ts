// contract/runtime-ready.ts — the one `READY {json}` stdout line the headless runtime prints once it
// serves requests. Scripts and tests parse it; the same JSON lands in <dataDir>/studio.json.

export const READY_PREFIX = 'READY '

export interface RuntimeReady {
  apiUrl: string
  /** http://127.0.0.1:PORT/studio/#token=… — carries the studio token once. */
  studioUrl: string
  anonKey: string
  serviceRoleKey: string
  jwtSecret: string
  databaseUrl: string
  dataDir: string
  pid: number
}

const REQUIRED_STRINGS = ['apiUrl', 'studioUrl', 'anonKey', 'serviceRoleKey', 'jwtSecret', 'databaseUrl', 'dataDir'] as const

/** Returns the parsed payload when `line` is a READY line, undefined for any other output line. */
export function parseReadyLine(line: string): RuntimeReady | undefined {
  if (!line.startsWith(READY_PREFIX)) return undefined
  let payload: unknown
  try {
    payload = JSON.parse(line.slice(READY_PREFIX.length))
  } catch {
    return undefined
  }
  if (typeof payload !== 'object' || payload === null) return undefined
  const record = payload as Record<string, unknown>
  for (const key of REQUIRED_STRINGS) if (typeof record[key] !== 'string') return undefined
  if (typeof record.pid !== 'number') return undefined
  return record as unknown as RuntimeReady
}
