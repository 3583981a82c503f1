// project/project-service.ts — the project room of one runtime: at start, the folder's pending migrations (and,
// for a new database, its seeds) are applied; then a watcher applies each new migration file as it is saved. A
// failure never stops the runtime: it is kept (file, line, message, hint) for the studio and written to the log.
import fs from 'node:fs'
import type { ServerContext } from '../context.js'
import { schemaStoreFor } from '../rest/schema/schema-store.js'
import { readProjectFiles, type FolderProblem } from './migration-files.js'
import { listTracked } from './migration-tracking.js'
import { applyPending, applySeeds, MigrationFailedError, type ApplyResult, type SqlFailure } from './migration-runner.js'
import { isSeeded, markSeeded } from './seed-state.js'
import { watchFolder, type FolderWatcher } from './folder-watcher.js'

export type MigrationState = 'applied' | 'pending' | 'failed' | 'drift' | 'missing'

export interface ProjectStatus {
  root: string
  migrationsDir: string
  /** Whether root/fluxbase exists. */
  exists: boolean
  migrations: Array<{ name: string; file?: string; state: MigrationState; appliedAt: string | null }>
  /** The last failed apply (cleared when that migration, or a later state of the folder, applies). */
  failure: SqlFailure | null
  problems: FolderProblem[]
  /** Names of applied migrations whose file changed since: never re-run; reset or accept. */
  drift: string[]
  seeded: boolean
}

export interface ProjectService {
  status(): Promise<ProjectStatus>
  /** Applies pending migrations now (the watcher calls this too). */
  migrate(by?: string): Promise<ApplyResult>
  /** Stop watching (runtime stop). */
  stop(): Promise<void>
}

const services = new WeakMap<ServerContext, ProjectService>()

export function projectService(ctx: ServerContext): ProjectService {
  const service = services.get(ctx)
  if (!service) throw new Error('the project room has not started')
  return service
}

export async function startProject(ctx: ServerContext, opts: { freshDatabase: boolean }): Promise<ProjectService> {
  const layout = ctx.config.project
  let failure: SqlFailure | null = null
  let chain: Promise<unknown> = Promise.resolve()

  const log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) =>
    ctx.logs.log({ category: 'system', level, component: 'project', message, fields })

  const migrateNow = async (by: string): Promise<ApplyResult> => {
    const result = await applyPending(ctx.pools.admin, layout, by)
    if (result.applied.length) {
      log('info', `applied ${result.applied.length} migration(s) from ${layout.migrationsDir}: ${result.applied.join(', ')}`)
      await (await schemaStoreFor(ctx)).reload().catch(() => undefined)
    }
    if (result.failure) {
      const f = result.failure
      log('error', `migration ${f.name ?? f.file} failed at ${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}${f.hint ? ` (hint: ${f.hint})` : ''}; the database stays at the previous migration`, { ...f })
    }
    failure = result.failure ?? null
    return result
  }
  // One apply at a time: a save during an apply is picked up by the next run.
  const migrate = (by = 'project folder'): Promise<ApplyResult> => {
    const next = chain.then(() => migrateNow(by))
    chain = next.catch(() => undefined)
    return next
  }

  const first = await migrate().catch((err: Error) => {
    log('error', `could not apply the project's migrations: ${err.message}`)
    return { applied: [] } as ApplyResult
  })
  if (opts.freshDatabase && !first.failure && !(await isSeeded(ctx.pools.admin).catch(() => true))) {
    try {
      const seeds = readProjectFiles(layout).seeds
      await applySeeds(ctx.pools.admin, seeds)
      await markSeeded(ctx.pools.admin)
      if (seeds.length) log('info', `loaded ${seeds.length} seed file(s) into the new database`)
    } catch (err) {
      const message = err instanceof MigrationFailedError ? err.message : (err as Error).message
      log('error', `seed failed, no seed data loaded: ${message}`, err instanceof MigrationFailedError ? { ...err.failure } : undefined)
      if (err instanceof MigrationFailedError) failure = err.failure
    }
  }

  let watcher: FolderWatcher | undefined
  try {
    fs.mkdirSync(layout.migrationsDir, { recursive: true })
    watcher = watchFolder(layout.migrationsDir, () => void migrate().catch((err: Error) => log('error', `could not apply migrations: ${err.message}`)))
  } catch (err) {
    log('warn', `not watching ${layout.migrationsDir}: ${(err as Error).message}`)
  }

  const service: ProjectService = {
    migrate,
    async status() {
      const { migrations, problems } = readProjectFiles(layout)
      const tracked = new Map((await listTracked(ctx.pools.admin)).map((t) => [t.name, t]))
      const drift: string[] = []
      const rows: ProjectStatus['migrations'] = migrations.map((m) => {
        const t = tracked.get(m.name)
        tracked.delete(m.name)
        let state: MigrationState = 'pending'
        if (t?.status === 'applied') {
          state = t.checksum === m.checksum ? 'applied' : 'drift'
          if (state === 'drift') drift.push(m.name)
        } else if (t?.status === 'failed') state = 'failed'
        return { name: m.name, file: m.file, state, appliedAt: t?.appliedAt ?? null }
      })
      // Applied, but its file is gone from the folder.
      for (const t of tracked.values()) if (t.status === 'applied') rows.push({ name: t.name, state: 'missing', appliedAt: t.appliedAt })
      return {
        root: layout.root,
        migrationsDir: layout.migrationsDir,
        exists: fs.existsSync(layout.fluxbaseDir),
        migrations: rows,
        failure,
        problems,
        drift,
        seeded: await isSeeded(ctx.pools.admin).catch(() => false),
      }
    },
    async stop() {
      await watcher?.close()
      await chain
    },
  }
  services.set(ctx, service)
  ctx.onStop(() => service.stop())
  return service
}
