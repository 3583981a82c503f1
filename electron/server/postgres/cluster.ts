// postgres/cluster.ts — the embedded PostgreSQL process: a new data directory on first start (the template's spare,
// a copy of the template, or initdb: cluster-build.ts), then start, supervise, stop. It never deletes or
// re-initialises a data directory: anything unexpected becomes a one-line StartupError.
import fs from 'node:fs'
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import { StartupError } from '../errors.js'
import type { LogBus } from '../logs/log-bus.js'
import { createPostgresLogSplitter } from '../logs/postgres-log-lines.js'
import { isProcessAlive, processState } from '../process-state.js'
import type { PostgresBinaries } from './binaries.js'
import { userCanWrite, type OsUser } from './os-user.js'
import { freePort } from './free-port.js'
import { copyTemplate, findTemplate, newBootstrapPassword, templateCacheRoot, type ClusterTemplate } from './cluster-template.js'
import { refillSpareLater, takeSpare } from './cluster-spare.js'
import { buildClusterTemplate, initdb } from './cluster-build.js'
import { startServer } from './server-process.js'

export interface ClusterOptions {
  pgdata: string
  binaries: PostgresBinaries
  runAs?: OsUser
  superuserPassword: string
  /**
   * Where a new cluster's first superuser password is kept until it has been rotated to superuserPassword
   * (clusters are made from a cached template whose password is shared); outside pgdata, owned by us.
   */
  bootstrapPasswordFile: string
  /** Cache of a pristine cluster (see cluster-template.ts); false disables it. */
  templateCache?: string | false
  logs: LogBus
  /** Called when the server died unexpectedly and was (or could not be) restarted. */
  onUnexpectedExit?: (info: { code: number | null; signal: string | null }) => void
  onRestarted?: () => void
  supervise: boolean
}

export interface Cluster {
  readonly port: number
  /**
   * The folder of PostgreSQL's unix socket (the data directory itself: only its owner, and root, can enter it), or
   * undefined where there is none (Windows, or a path too long for a socket address). The runtime's own pools
   * connect through it: a local socket costs about half the CPU per query of TCP over loopback, on both sides.
   */
  readonly socketDir: string | undefined
  readonly running: boolean
  /** True when the data directory was created by this start. */
  readonly initialised: boolean
  start(): Promise<void>
  stop(): Promise<void>
}

/** sun_path holds 108 bytes on Linux (104 on macOS), and the socket's name adds up to 16. */
const MAX_SOCKET_DIR_LENGTH = 100 - '/.s.PGSQL.65535'.length

export function socketDirFor(pgdata: string): string | undefined {
  if (process.platform === 'win32') return undefined
  return Buffer.byteLength(pgdata) <= MAX_SOCKET_DIR_LENGTH ? pgdata : undefined
}

function inspectDataDir(pgdata: string, major: string): 'empty' | 'ready' {
  if (!fs.existsSync(pgdata)) return 'empty'
  const entries = fs.readdirSync(pgdata)
  if (entries.length === 0) return 'empty'
  const versionFile = path.join(pgdata, 'PG_VERSION')
  if (!fs.existsSync(versionFile)) {
    throw new StartupError(`${pgdata} is not empty but is not a PostgreSQL data directory (no PG_VERSION); it was left untouched`)
  }
  const version = fs.readFileSync(versionFile, 'utf8').trim()
  if (version !== major) {
    throw new StartupError(`${pgdata} was made by PostgreSQL ${version || '(unknown)'}, but this build bundles PostgreSQL ${major}; it was left untouched (upgrade it with pg_upgrade, or choose another --data-dir)`)
  }
  return 'ready'
}

/** A postmaster left running by a runtime that was killed: stop it (fast shutdown) before starting ours. */
async function stopOrphanPostmaster(pgdata: string): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
  const state = processState(pid)
  if (state === 'dead') return
  if (state === 'zombie') {
    // The postmaster died but was never reaped; PostgreSQL would take it for a live one. Its shared-memory
    // interlock still protects against backends that outlived it, so only the stale pid file goes.
    fs.rmSync(pidFile, { force: true })
    return
  }
  let cmdline = ''
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
  } catch {
    cmdline = 'postgres'
  }
  if (!cmdline.includes('postgres')) return
  process.kill(pid, 'SIGINT')
  const deadline = Date.now() + 15_000
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  if (isProcessAlive(pid)) throw new StartupError(`a PostgreSQL server (pid ${pid}) still runs on ${pgdata} and did not stop`)
}

/**
 * A new data directory's files are in the page cache, not yet on disk (a copy, a rename of a spare made by a helper,
 * or initdb --no-sync), and PostgreSQL fsyncs its data directory at start only after a crash. So once it runs, a
 * detached `sync -f` flushes the filesystem in the background: a crash in the first seconds cannot leave a torn new
 * cluster. Where there is no `sync -f` (macOS, Windows), the kernel's own writeback does it within half a minute.
 */
function flushToDiskLater(pgdata: string): void {
  if (process.platform !== 'linux') return
  try {
    const child = spawn('sync', ['-f', pgdata], { detached: true, stdio: 'ignore' })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No sync binary: the kernel writes the pages back on its own.
  }
}

export function createCluster(options: ClusterOptions): Cluster {
  const { pgdata, binaries, runAs, logs } = options
  const socketDir = socketDirFor(pgdata)
  let port = 0
  let child: ChildProcess | undefined
  let stopping = false
  let initialised = false
  /** How this start's new data directory was made: from the cluster template (its spare, or copied), or by initdb. */
  let fromTemplate = false
  let fromSpare = false
  /** The template whose spare the helper refills once PostgreSQL is up. */
  let spareTemplate: ClusterTemplate | undefined
  /** Made by this start, written without fsync (copied, renamed or initdb --no-sync): flushed once it runs. */
  let newDataDir = false
  let restarts = 0
  let pendingTemplate: string | undefined
  let templateJob: Promise<void> | undefined

  async function createDataDir(): Promise<void> {
    fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 })
    if (runAs) {
      fs.chownSync(pgdata, runAs.uid, runAs.gid)
      if (!userCanWrite(runAs, pgdata)) {
        throw new StartupError(`PostgreSQL runs as the unprivileged user "${runAs.name}" (you are root) and cannot reach ${pgdata}: a parent folder (such as a home folder of mode 0700) blocks it; choose a --data-dir it can reach, e.g. /var/lib/fluxbase-studio`)
      }
    }
    const cacheRoot = options.templateCache === false ? undefined : (options.templateCache ?? templateCacheRoot(runAs))
    const template = cacheRoot ? findTemplate(cacheRoot, binaries.version) : undefined
    let password: string
    if (template) {
      // The spare is a rename; copying the template creates ~1,000 files, which takes a second on a slow disk.
      fromSpare = takeSpare(template, pgdata)
      if (!fromSpare) await copyTemplate(template, pgdata, runAs)
      fromTemplate = true
      password = template.password
      spareTemplate = template
    } else {
      password = newBootstrapPassword()
      await initdb(binaries, runAs, pgdata, password, { sync: false })
      if (cacheRoot) pendingTemplate = cacheRoot
    }
    // Written before the first start; removed once the password has been rotated (see rotateBootstrapPassword).
    fs.writeFileSync(options.bootstrapPasswordFile, password, { mode: 0o600 })
    initialised = true
    newDataDir = true
  }

  /** A new cluster starts with the template's password; give it this data directory's own. */
  async function rotateBootstrapPassword(): Promise<void> {
    if (!fs.existsSync(options.bootstrapPasswordFile)) return
    const bootstrap = fs.readFileSync(options.bootstrapPasswordFile, 'utf8')
    // pg loads here, not at start-up: only the first start from a cached template needs a client this early.
    const { default: pg } = await import('pg')
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: bootstrap, database: 'postgres' })
    try {
      await client.connect()
    } catch {
      // Already rotated by a run that stopped before deleting the file.
      await client.end().catch(() => undefined)
      fs.rmSync(options.bootstrapPasswordFile, { force: true })
      return
    }
    try {
      const { rows } = await client.query<{ sql: string }>("SELECT format('ALTER ROLE postgres PASSWORD %L', $1::text) AS sql", [options.superuserPassword])
      await client.query(rows[0].sql)
    } finally {
      await client.end().catch(() => undefined)
    }
    fs.rmSync(options.bootstrapPasswordFile, { force: true })
  }

  async function launch(): Promise<void> {
    const splitter = createPostgresLogSplitter((entry) => logs.log(entry))
    const server = startServer(binaries.postgres, pgdata, port, socketDir, runAs, { onOutput: (text) => splitter.push(text) })
    const proc = server.proc
    child = proc
    let ready = false
    // If this process ends without stop() (a host that calls process.exit, a test worker torn down), PostgreSQL would
    // live on: ask it for a fast shutdown on the way out. Synchronous, as an exit handler must be.
    const stopWithUs = () => proc.kill('SIGINT')
    process.once('exit', stopWithUs)
    proc.on('exit', (code, signal) => {
      process.removeListener('exit', stopWithUs)
      splitter.end()
      if (child === proc) child = undefined
      if (ready && !stopping) void onUnexpectedExit(code, signal)
    })
    await server.ready
    ready = true
  }

  async function onUnexpectedExit(code: number | null, signal: string | null): Promise<void> {
    logs.log({ category: 'system', level: 'error', component: 'postgres', message: `PostgreSQL exited unexpectedly (code ${code}, signal ${signal})`, fields: { code, signal } })
    options.onUnexpectedExit?.({ code, signal })
    if (!options.supervise || stopping) return
    restarts++
    const delay = Math.min(5000, 200 * 2 ** Math.min(restarts - 1, 5))
    await new Promise((r) => setTimeout(r, delay))
    if (stopping) return
    try {
      await launch()
      logs.log({ category: 'system', level: 'warn', component: 'postgres', message: `PostgreSQL restarted after an unexpected exit (restart ${restarts})` })
      options.onRestarted?.()
    } catch (err) {
      logs.log({ category: 'system', level: 'error', component: 'postgres', message: `PostgreSQL could not be restarted: ${(err as Error).message}` })
      if (!stopping) void onUnexpectedExit(null, null)
    }
  }

  return {
    get port() {
      return port
    },
    socketDir,
    get running() {
      return child !== undefined
    },
    get initialised() {
      return initialised
    },
    async start() {
      stopping = false
      const t0 = performance.now()
      if (inspectDataDir(pgdata, binaries.major) === 'empty') await createDataDir()
      else await stopOrphanPostmaster(pgdata)
      const prepared = performance.now()
      for (let attempt = 0; ; attempt++) {
        port = await freePort()
        try {
          await launch()
          const launched = performance.now()
          await rotateBootstrapPassword()
          logs.log({
            category: 'system',
            level: 'debug',
            component: 'postgres',
            message: `PostgreSQL ready in ${Math.round(performance.now() - t0)} ms`,
            fields: { prepare_ms: Math.round(prepared - t0), launch_ms: Math.round(launched - prepared), password_ms: Math.round(performance.now() - launched), initialised, from_template: fromTemplate, from_spare: fromSpare },
          })
          if (newDataDir) {
            flushToDiskLater(pgdata)
            newDataDir = false
          }
          if (spareTemplate) {
            refillSpareLater(spareTemplate, runAs)
            spareTemplate = undefined
          }
          if (pendingTemplate) {
            const root = pendingTemplate
            pendingTemplate = undefined
            templateJob = buildClusterTemplate(root, binaries, runAs, { lowPriority: true }).catch(() => undefined)
          }
          return
        } catch (err) {
          // Another process may have taken the port between our probe and PostgreSQL's bind.
          if (attempt < 2 && /could not (bind|create listen socket)/i.test((err as Error).message)) continue
          throw err
        }
      }
    },
    async stop() {
      stopping = true
      await templateJob
      const proc = child
      if (!proc) return
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve())
        // SIGINT = fast shutdown: roll back open transactions, checkpoint, exit.
        proc.kill('SIGINT')
        setTimeout(() => proc.kill('SIGQUIT'), 10_000).unref()
      })
      child = undefined
    },
  }
}
