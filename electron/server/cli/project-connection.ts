// cli/project-connection.ts — how a project command reaches the data directory's runtime: the running one (its
// lock file names a live process, studio.json its URL and service-role key), or one started here for the length
// of the command (port 0, quiet), stopped afterwards. Both are then called over the same HTTP API.
import fs from 'node:fs'
import path from 'node:path'
import { isProcessAlive } from '../process-state.js'
import { createStudioRuntime, type StudioRuntime } from '../runtime.js'
import { StartupError } from '../errors.js'
import type { StudioRuntimeOptions } from '../config.js'
import { CliError, EXIT } from './cli-command.js'

export interface RunningInfo {
  apiUrl: string
  studioUrl?: string
  anonKey: string
  serviceRoleKey: string
  databaseUrl: string
  dataDir: string
  pid: number
}

export interface ProjectConnection {
  /** True when this command started the runtime itself. */
  started: boolean
  info: RunningInfo
  call<T>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T>
  close(): Promise<void>
}

/** The data directory's running runtime, if there is one. */
export function findRunning(dataDir: string): RunningInfo | undefined {
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.lock'), 'utf8')) as { pid: number; apiUrl?: string }
    if (!lock.apiUrl || !isProcessAlive(lock.pid)) return undefined
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'studio.json'), 'utf8')) as RunningInfo
    return info.pid === lock.pid ? info : undefined
  } catch {
    return undefined
  }
}

function caller(info: RunningInfo) {
  return async <T>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T> => {
    let res: Response
    try {
      res = await fetch(`${info.apiUrl}/studio/api/project${route}`, {
        method,
        headers: { Authorization: `Bearer ${info.serviceRoleKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (err) {
      throw new CliError(`cannot reach the runtime at ${info.apiUrl}: ${(err as Error).message}`, EXIT.unavailable)
    }
    const json = (await res.json().catch(() => ({}))) as T & { error?: string; hint?: string }
    if (!res.ok) throw new CliError(`${json.error ?? `HTTP ${res.status}`}${json.hint ? ` (hint: ${json.hint})` : ''}`, res.status === 404 || res.status === 400 ? EXIT.usage : EXIT.failed)
    return json
  }
}

export async function connectProject(options: StudioRuntimeOptions & { dataDir: string }): Promise<ProjectConnection> {
  const running = findRunning(options.dataDir)
  if (running) return { started: false, info: running, call: caller(running), close: async () => undefined }
  const runtime: StudioRuntime = createStudioRuntime({ ...options, port: 0, quiet: true })
  try {
    const info = await runtime.start()
    return { started: true, info, call: caller(info), close: () => runtime.stop() }
  } catch (err) {
    await runtime.stop().catch(() => undefined)
    throw new CliError(err instanceof StartupError ? err.message : `could not start the runtime: ${(err as Error).message}`, EXIT.unavailable)
  }
}
