// project/types/types-file-writer.ts — keeps the app's types file current (--types-out FILE): written at start and
// after every schema reload (the DDL event trigger → schema watcher → schema store), only when the text changed,
// atomically (a temp file beside it, then rename), so the app's compiler never reads half a file. The studio's
// Overview shows where it is and when it was last written (typesFileStatus).
import fs from 'node:fs'
import path from 'node:path'
import type { ServerContext } from '../../context.js'
import type { SchemaStore } from '../../rest/schema/schema-store.js'
import type { SchemaCache } from '../../rest/schema/schema-types.js'
import type { TypesFileStatus } from '../../../../contract/studio-status.js'
import { exportTypes } from './export-types.js'
import type { GenerateOptions } from './types-catalog.js'

const OPTIONS: GenerateOptions = { schemas: ['public'], includeFunctions: true, includeViews: true }
const states = new WeakMap<ServerContext, TypesFileStatus>()

/** What the studio's status reports about the types file; undefined when the runtime writes none. */
export function typesFileStatus(ctx: ServerContext): TypesFileStatus | undefined {
  const state = states.get(ctx)
  return state && { ...state }
}

/** Writes `text` to `file` unless it already holds exactly that; true when it wrote. */
export function writeFileIfChanged(file: string, text: string): boolean {
  try {
    if (fs.readFileSync(file, 'utf8') === text) return false
  } catch {
    // No file yet (or unreadable): write it.
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
  try {
    fs.writeFileSync(tmp, text)
    fs.renameSync(tmp, file)
  } catch (err) {
    fs.rmSync(tmp, { force: true })
    throw err
  }
  return true
}

export function startTypesFile(ctx: ServerContext, store: SchemaStore, file: string): void {
  const state: TypesFileStatus = { path: file }
  states.set(ctx, state)
  let stopped = false
  let running: Promise<void> | undefined
  let pending: SchemaCache | undefined

  const write = async (cache: SchemaCache): Promise<void> => {
    try {
      const text = await exportTypes(ctx.pools.admin, cache, OPTIONS)
      if (stopped) return
      if (writeFileIfChanged(file, text)) {
        state.writtenAt = new Date().toISOString()
        ctx.logs.log({ category: 'system', level: 'info', component: 'types', message: `types file written: ${file}`, fields: { bytes: Buffer.byteLength(text) } })
      } else if (!state.writtenAt) {
        state.writtenAt = fs.statSync(file).mtime.toISOString()
      }
      delete state.error
    } catch (err) {
      state.error = (err as Error).message
      ctx.logs.log({ category: 'system', level: 'warn', component: 'types', message: `could not write the types file ${file}: ${state.error}` })
    }
  }

  // One write at a time; reloads that land meanwhile collapse into one more write with the newest cache.
  const schedule = (cache: SchemaCache) => {
    if (stopped) return
    if (running) {
      pending = cache
      return
    }
    running = (async () => {
      let next: SchemaCache | undefined = cache
      while (next && !stopped) {
        pending = undefined
        await write(next)
        next = pending
      }
      running = undefined
    })()
  }

  store.onReload(schedule)
  schedule(store.current())
  ctx.onStop(async () => {
    stopped = true
    await running
  })
}
