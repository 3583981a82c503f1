// project/types/types-command.ts — `fluxbase-studio types [--out FILE]`: the database's TypeScript types, from the
// runtime serving the data directory when one runs (its export endpoint, with the service-role key it wrote to
// studio.json), else from a runtime this command starts for the purpose and stops. To stdout, or written to FILE
// (atomically, only when the content changed). Returns the exit code: 0 done, 1 failed, 2 bad flags.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { resolveConfig } from '../../config.js'
import { isProcessAlive } from '../../process-state.js'
import { exportTypes } from './export-types.js'
import { writeFileIfChanged } from './types-file-writer.js'
import type { GenerateOptions } from './types-catalog.js'
import { TYPES_EXPORT_PATH } from './types-export-routes.js'

export const TYPES_USAGE = `Usage: fluxbase-studio types [--out FILE] [--data-dir DIR] [--schema NAME]...
  --out FILE       write the types to FILE (only when they changed) instead of printing them
  --data-dir DIR   the data directory whose database to type (default: the per-user app-data folder)
  --schema NAME    a schema to include (repeatable; default public)`

interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }

/** The runtime serving `dataDir` right now, from its lock and studio.json; undefined when none runs. */
export function runningRuntime(dataDir: string): { apiUrl: string; serviceRoleKey: string } | undefined {
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.lock'), 'utf8')) as { pid?: number; apiUrl?: string }
    const studio = JSON.parse(fs.readFileSync(path.join(dataDir, 'studio.json'), 'utf8')) as { apiUrl?: string; serviceRoleKey?: string }
    if (!lock.pid || !isProcessAlive(lock.pid) || !lock.apiUrl || lock.apiUrl !== studio.apiUrl || !studio.serviceRoleKey) return undefined
    return { apiUrl: lock.apiUrl, serviceRoleKey: studio.serviceRoleKey }
  } catch {
    return undefined
  }
}

async function fromRunningRuntime(running: { apiUrl: string; serviceRoleKey: string }, options: GenerateOptions): Promise<string> {
  const res = await fetch(running.apiUrl + TYPES_EXPORT_PATH, {
    method: 'POST',
    headers: { Authorization: `Bearer ${running.serviceRoleKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ schemas: options.schemas, include_functions: true, include_views: true }),
  })
  const body = (await res.json()) as { typescript?: string; error?: string }
  if (!res.ok || typeof body.typescript !== 'string') throw new Error(body.error ?? `the runtime at ${running.apiUrl} answered ${res.status}`)
  return body.typescript
}

async function fromOwnRuntime(dataDir: string, options: GenerateOptions): Promise<string> {
  const [{ createStudioRuntime }, { schemaStoreFor }] = await Promise.all([import('../../runtime.js'), import('../../rest/schema/schema-store.js')])
  const runtime = createStudioRuntime({ dataDir, port: 0, quiet: true })
  await runtime.start()
  try {
    const ctx = runtime.context!
    return await exportTypes(ctx.pools.admin, (await schemaStoreFor(ctx)).current(), options)
  } finally {
    await runtime.stop()
  }
}

export async function runTypesCommand(argv: string[], io: Io = processIo): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, schema: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (err) {
    io.stderr(`fluxbase-studio types: ${(err as Error).message} (see --help)\n`)
    return 2
  }
  if (values.help) {
    io.stdout(TYPES_USAGE + '\n')
    return 0
  }
  const dataDir = resolveConfig({ dataDir: values['data-dir'] }).dataDir
  const options: GenerateOptions = { schemas: values.schema?.length ? [...new Set(values.schema)] : ['public'], includeFunctions: true, includeViews: true }
  try {
    const running = runningRuntime(dataDir)
    const text = running ? await fromRunningRuntime(running, options) : await fromOwnRuntime(dataDir, options)
    if (!values.out) {
      io.stdout(text)
      return 0
    }
    const file = path.resolve(values.out)
    io.stderr(`${file} ${writeFileIfChanged(file, text) ? 'written' : 'unchanged'}\n`)
    return 0
  } catch (err) {
    io.stderr(`fluxbase-studio types: ${(err as Error).message}\n`)
    return 1
  }
}
