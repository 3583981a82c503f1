// runtime.ts — createStudioRuntime: the one runtime every host uses (Electron main, the headless CLI, tests).
// start(): data dir → lock → logs → keys → PostgreSQL → pools → migrations → HTTP. stop(): the reverse.
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { resolveConfig, DEFAULT_PORT, type StudioRuntimeOptions, type RuntimeConfig } from './config.js'
import { StartupError } from './errors.js'
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js'
import { createLogBus, type LogBus } from './logs/log-bus.js'
import { loadOrCreateKeys, type Keys } from './auth/keys.js'
import type { TokenCheck } from './auth/identify.js'
import { postgresOsUser } from './postgres/os-user.js'
import { locateBinaries } from './postgres/binaries.js'
import { createCluster, type Cluster } from './postgres/cluster.js'
import type { PoolTarget } from './postgres/pools.js'
import type { Pools, RuntimeNote, ServerContext } from './context.js'
import { listen } from './http/listen.js'
import { newStudioToken } from './studio/studio-auth.js'
import { appVersion } from './app-version.js'

export type { StudioRuntimeOptions } from './config.js'

export interface RuntimeInfo {
  apiUrl: string
  studioUrl: string
  studioToken: string
  anonKey: string
  serviceRoleKey: string
  jwtSecret: string
  databaseUrl: string
  dataDir: string
  pid: number
  postgresVersion: string
}

export interface StudioRuntime {
  start(): Promise<RuntimeInfo>
  stop(): Promise<void>
  readonly info: RuntimeInfo | undefined
  /** Available after start(): for hosts and tests that need the pools, logs or keys. */
  readonly context: ServerContext | undefined
}

function prepareDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    fs.accessSync(dir, fs.constants.W_OK)
    // As root, PostgreSQL runs as another user, which must be able to pass through to DIR/pgdata.
    if (process.getuid?.() === 0) fs.chmodSync(dir, fs.statSync(dir).mode | 0o011)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new StartupError(`cannot write to the data directory ${dir}: permission denied`)
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new StartupError(`the data directory ${dir} is not a directory`)
    throw new StartupError(`cannot use the data directory ${dir}: ${(err as Error).message}`)
  }
}

function writeStudioJson(dir: string, info: RuntimeInfo): void {
  const file = path.join(dir, 'studio.json')
  const { studioToken: _token, ...publicInfo } = info
  void _token
  const tmp = `${file}.tmp-${process.pid}`
  fs.writeFileSync(tmp, JSON.stringify(publicInfo, null, 2) + '\n', { mode: 0o600 })
  fs.renameSync(tmp, file)
  fs.chmodSync(file, 0o600)
}

/**
 * What start() needs once PostgreSQL is up: pools and migrations (pg), token checks (jose). Imported, not loaded
 * with this module, so they compile while PostgreSQL starts instead of before it is launched.
 */
async function loadDatabaseModules() {
  const [pools, migrations, identify] = await Promise.all([import('./postgres/pools.js'), import('./postgres/migrations.js'), import('./auth/identify.js')])
  return { ...pools, ...migrations, ...identify }
}

export function createStudioRuntime(options: StudioRuntimeOptions = {}): StudioRuntime {
  const config: RuntimeConfig = resolveConfig(options)
  let info: RuntimeInfo | undefined
  let context: ServerContext | undefined
  const undo: Array<() => Promise<void> | void> = []
  let started = false
  /** The start in progress: a stop() that arrives meanwhile waits for it, then undoes all of it. */
  let starting: Promise<RuntimeInfo> | undefined

  async function unwind(): Promise<void> {
    while (undo.length) {
      const step = undo.pop()!
      try {
        await step()
      } catch {
        // Keep releasing the rest: a failed close must not leak PostgreSQL or the lock.
      }
    }
  }

  async function startDatabase(keys: Keys, logs: LogBus): Promise<{ target: PoolTarget; cluster?: Cluster }> {
    if (config.databaseUrl) return { target: (await loadDatabaseModules()).targetFromUrl(config.databaseUrl, keys.apiPassword) }
    const runAs = postgresOsUser()
    const binaries = await locateBinaries(runAs, path.join(runAs ? '/var/lib/fluxbase-studio' : config.dataDir, '.postgresql'))
    const cluster = createCluster({
      pgdata: path.join(config.dataDir, 'pgdata'),
      binaries,
      runAs,
      superuserPassword: keys.superuserPassword,
      bootstrapPasswordFile: path.join(config.dataDir, 'superuser-bootstrap'),
      templateCache: config.pgTemplateCache,
      logs,
      supervise: config.superviseDatabase,
    })
    await cluster.start()
    undo.push(() => cluster.stop())
    const target: PoolTarget = {
      host: '127.0.0.1',
      port: cluster.port,
      socketDir: cluster.socketDir,
      database: 'postgres',
      superuser: { user: 'postgres', password: keys.superuserPassword },
      api: { user: 'fluxbase_api', password: keys.apiPassword },
    }
    return { target, cluster }
  }

  function start(): Promise<RuntimeInfo> {
    if (started) return Promise.reject(new Error('runtime already started'))
    started = true
    starting = startAll()
    const settle = () => {
      starting = undefined
    }
    starting.then(settle, settle)
    return starting
  }

  async function startAll(): Promise<RuntimeInfo> {
    // Start-up phases are logged with their durations (debug level): where a slow start spends its time.
    const t0 = performance.now()
    const phases: Record<string, number> = {}
    let last = t0
    const phase = (name: string) => {
      const now = performance.now()
      phases[name] = Math.round(now - last)
      last = now
    }
    // The HTTP stack (Fastify and its plugins) and the pg/jose modules take a few hundred ms to compile: they load
    // while the data directory is prepared and PostgreSQL starts.
    const httpModule = import('./http/app.js')
    httpModule.catch(() => undefined)
    const dbModules = loadDatabaseModules()
    dbModules.catch(() => undefined)
    try {
      prepareDataDir(config.dataDir)
      const lock: DataDirLock = acquireDataDirLock(config.dataDir)
      undo.push(() => lock.release())
      const logs = createLogBus({ dir: path.join(config.dataDir, 'logs'), ringSize: config.logRingSize })
      undo.push(() => logs.close())
      const keys = await loadOrCreateKeys(config.dataDir)
      phase('data dir, lock, keys')

      const { target, cluster } = await startDatabase(keys, logs)
      phase('postgresql')
      const { createAdminPool, createApiPool, databaseUrlFor, ensureApiRolePassword, applyMigrations, createIdentify, identifyToken } = await dbModules
      phase('load database modules')
      const admin = createAdminPool(target, logs)
      undo.push(() => admin.end().catch(() => undefined))
      // A reset or snapshot restore killed mid-way (project/database-swap.ts) is finished before the pool connects.
      if (!config.databaseUrl) await (await import('./project/database-swap.js')).finishInterruptedSwap(admin)
      let apiPassword: string
      let notes: RuntimeNote[] = []
      let freshDatabase = false
      try {
        if (config.databaseUrl) {
          // A new database gets the project's seeds too: (--database-url) one that had none of the bootstrap migrations yet.
          freshDatabase = !(await admin.query<{ done: boolean }>("SELECT to_regclass('fluxbase_meta.migrations') IS NOT NULL AS done")).rows[0].done
          notes = await (await import('./postgres/external-bootstrap.js')).bootstrapExternal(admin)
        } else {
          await applyMigrations(admin)
          // …or a cluster made by this start.
          freshDatabase = cluster ? cluster.initialised : false
        }
        apiPassword = await ensureApiRolePassword(admin, keys.apiPassword)
      } catch (err) {
        throw new StartupError(`could not prepare the database: ${(err as Error).message}`)
      }
      phase('migrations')
      const api = createApiPool(target, apiPassword, logs, config.apiConnections, config.limits)
      undo.push(() => api.end().catch(() => undefined))
      const pools: Pools = { api, admin }
      const postgresVersion = (await pools.admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v

      const stopHooks: Array<() => Promise<void> | void> = []
      undo.push(async () => {
        for (const hook of stopHooks.reverse()) await hook()
      })
      const tokenChecks: TokenCheck[] = []
      const ctx: ServerContext = {
        config,
        pools,
        keys,
        logs,
        identify: createIdentify(keys.secret, tokenChecks),
        identifyToken: (token) => identifyToken(keys.secret, token, tokenChecks),
        tokenChecks,
        databaseUrl: databaseUrlFor(target),
        studioToken: newStudioToken(),
        startedAt: new Date(),
        apiUrl: '',
        version: appVersion(),
        postgresVersion,
        onStop: (fn) => stopHooks.push(fn),
        notes,
      }
      for (const note of notes) logs.log({ category: 'system', level: 'warn', component: note.component, message: note.message })
      // The project folder's migrations before the schema cache loads, so the API knows their tables at once.
      await (await import('./project/project-service.js')).startProject(ctx, { freshDatabase })
      phase('project migrations')
      // The REST schema cache reads the catalogs (one round trip per object kind): let it run while the other
      // route modules register instead of after them. registerRestRoutes awaits the same promise.
      void (await import('./rest/schema/schema-store.js')).schemaStoreFor(ctx).catch(() => undefined)
      const http = await httpModule
      phase('load http stack')
      const app: FastifyInstance = await http.buildHttpApp(ctx)
      phase('route modules')
      const port = await listen(app, config.port, config.portExplicit || config.port !== DEFAULT_PORT)
      undo.push(() => app.close())
      ctx.apiUrl = `http://127.0.0.1:${port}`
      context = ctx
      info = {
        apiUrl: ctx.apiUrl,
        studioUrl: `${ctx.apiUrl}/studio/#token=${ctx.studioToken}`,
        studioToken: ctx.studioToken,
        anonKey: keys.anonKey,
        serviceRoleKey: keys.serviceRoleKey,
        jwtSecret: keys.jwtSecret,
        databaseUrl: ctx.databaseUrl,
        dataDir: config.dataDir,
        pid: process.pid,
        postgresVersion,
      }
      lock.update({ apiUrl: ctx.apiUrl })
      writeStudioJson(config.dataDir, info)
      phase('listen')
      logs.log({ category: 'system', level: 'debug', component: 'runtime', message: `start-up took ${Math.round(performance.now() - t0)} ms`, fields: { phases } })
      // Earlier runs' logs become searchable in the background, after the API is up.
      void logs.loadHistory()
      logs.log({ category: 'system', level: 'info', component: 'runtime', message: `Fluxbase Studio ready at ${ctx.apiUrl} (PostgreSQL ${postgresVersion})` })
      return info
    } catch (err) {
      await unwind()
      started = false
      throw err
    }
  }

  return {
    start,
    async stop() {
      // Stopping half-way through a start would miss what the start registers after this point (PostgreSQL would
      // outlive us): let it finish or fail first.
      await starting?.catch(() => undefined)
      await unwind()
      info = undefined
      context = undefined
      started = false
    },
    get info() {
      return info
    },
    get context() {
      return context
    },
  }
}
