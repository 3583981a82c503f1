// postgres/cluster.ts — the embedded PostgreSQL process: initdb on first start, start, supervise, stop. It never
// deletes or re-initialises a data directory: anything unexpected becomes a one-line StartupError.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { spawn, type ChildProcess } from 'node:child_process'
import { StartupError } from '../errors.js'
import type { LogBus } from '../logs/log-bus.js'
import { createPostgresLogSplitter, POSTGRES_LOG_LINE_PREFIX } from '../logs/postgres-log-lines.js'
import { isProcessAlive, processState } from '../process-state.js'
import type { PostgresBinaries } from './binaries.js'
import { userCanWrite, type OsUser } from './os-user.js'
import { freePort } from './free-port.js'
import { buildTemplate, copyTemplate, findTemplate, newBootstrapPassword, templateCacheRoot, type ClusterTemplate } from './cluster-template.js'
import { refillSpareLater, takeSpare } from './cluster-spare.js'

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

const READY_LINE = 'database system is ready to accept connections'

/** sun_path holds 108 bytes on Linux (104 on macOS), and the socket's name adds up to 16. */
const MAX_SOCKET_DIR_LENGTH = 100 - '/.s.PGSQL.65535'.length

export function socketDirFor(pgdata: string): string | undefined {
  if (process.platform === 'win32') return undefined
  return Buffer.byteLength(pgdata) <= MAX_SOCKET_DIR_LENGTH ? pgdata : undefined
}

function serverFlags(port: number, socketDir: string | undefined): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: socketDir ?? '',
    wal_level: 'logical',
    max_wal_senders: '10',
    max_replication_slots: '10',
    // An idle replication slot must not keep WAL forever (see realtime/): past this, the slot is invalidated.
    max_slot_wal_keep_size: '1024MB',
    max_connections: '100',
    shared_buffers: '64MB',
    logging_collector: 'off',
    log_destination: 'stderr',
    log_line_prefix: POSTGRES_LOG_LINE_PREFIX,
    log_min_error_statement: 'error',
    log_timezone: 'UTC',
    timezone: 'UTC',
    lc_messages: 'C',
  }
  return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])
}

function lastErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean)
  const fatal = lines.filter((l) => /FATAL|PANIC|ERROR|could not|invalid|Permission denied/i.test(l))
  const pick = (fatal.length ? fatal[fatal.length - 1] : lines[lines.length - 1]) ?? 'no output'
  return pick.replace(/^.*?\| (FATAL|PANIC|ERROR|LOG):\s+/, '').replace(/^(initdb|postgres): (error: )?/, '')
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

function spawnEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' }
}

function run(cmd: string, args: string[], runAs: OsUser | undefined, lowPriority = false): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), env: spawnEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    if (lowPriority && p.pid) {
      try {
        os.setPriority(p.pid, 15)
      } catch {
        // Not permitted on this platform: it merely runs at normal priority.
      }
    }
    let stderr = ''
    p.stdout?.on('data', () => {})
    p.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    p.on('error', reject)
    p.on('close', (code) => resolve({ code, stderr }))
  })
}

/**
 * The one initdb every cluster comes from, directly or through the template: same flags, same superuser.
 * `sync: false` (a data directory's own first start) skips initdb's final fsync of every file, a few hundred ms on a
 * slow disk; flushToDiskLater then makes the new cluster durable in the background, as for a copied template.
 */
async function initdb(binaries: PostgresBinaries, runAs: OsUser | undefined, target: string, password: string, options: { lowPriority?: boolean; sync?: boolean } = {}): Promise<void> {
  const pwfile = path.join(os.tmpdir(), `fluxbase-pw-${crypto.randomBytes(6).toString('hex')}`)
  fs.writeFileSync(pwfile, password + '\n', { mode: 0o600 })
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid)
  try {
    const args = [`--pgdata=${target}`, '--username=postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']
    if (options.sync === false) args.push('--no-sync')
    const { code, stderr } = await run(binaries.initdb, args, runAs, options.lowPriority)
    if (code !== 0) throw new StartupError(`initdb failed for ${target}: ${lastErrorLine(stderr)}`)
  } finally {
    fs.rmSync(pwfile, { force: true })
  }
}

/**
 * Runs the bootstrap migrations (postgres/migrations.ts) on a freshly made template cluster: a server on a free
 * port for the moment it takes, then a clean shutdown. A data directory made from it then finds them applied and
 * its first start skips that work (a few hundred ms of DDL); a runtime whose migrations changed uses another
 * template (the key carries their hash, see cluster-template.ts), and would apply any missing ones anyway.
 */
async function migrateTemplate(binaries: PostgresBinaries, runAs: OsUser | undefined, pgdata: string, password: string, lowPriority: boolean): Promise<void> {
  const port = await freePort()
  const server = spawn(binaries.postgres, ['-D', pgdata, ...serverFlags(port, undefined)], { ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), env: spawnEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  if (lowPriority && server.pid) {
    try {
      os.setPriority(server.pid, 15)
    } catch {
      // Not permitted here: it merely runs at normal priority.
    }
  }
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  try {
    await new Promise<void>((resolve, reject) => {
      let output = ''
      const onData = (c: Buffer) => {
        output += c.toString('utf8')
        if (output.includes(READY_LINE)) resolve()
      }
      server.stdout?.on('data', onData)
      server.stderr?.on('data', onData)
      server.once('error', reject)
      server.once('exit', () => reject(new StartupError(`PostgreSQL could not start on the new template: ${lastErrorLine(output)}`)))
    })
    const [{ default: pg }, { applyMigrations }] = await Promise.all([import('pg'), import('./migrations.js')])
    const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', max: 1 })
    try {
      await applyMigrations(pool)
    } finally {
      await pool.end()
    }
  } finally {
    // SIGINT = fast shutdown, with a checkpoint: the template is a cleanly stopped cluster.
    server.kill('SIGINT')
    await exited
  }
}

/**
 * Makes the cluster template (cluster-template.ts) in `root`: after a first start (low priority, in the
 * background), or at install time (scripts/prepare-pg-template.mjs). Throws what went wrong.
 */
export async function buildClusterTemplate(root: string, binaries: PostgresBinaries, runAs: OsUser | undefined, options: { lowPriority?: boolean } = {}): Promise<void> {
  await buildTemplate(root, binaries.version, async (target, password) => {
    fs.mkdirSync(target, { mode: 0o700 })
    if (runAs) {
      // The cache root is root's (0700); initdb runs as the PostgreSQL user and needs its own way in.
      fs.chmodSync(root, 0o711)
      fs.chmodSync(path.dirname(target), 0o711)
      fs.chownSync(target, runAs.uid, runAs.gid)
      const parent = path.dirname(root)
      if (!userCanWrite(runAs, target) && parent === path.dirname(templateCacheRoot(runAs))) {
        // /var/lib/fluxbase-studio, when the template made it (0700) before any data directory there: let the
        // PostgreSQL user pass through, as binaries.ts and the data directory do.
        fs.chmodSync(parent, fs.statSync(parent).mode | 0o011)
      }
      if (!userCanWrite(runAs, target)) throw new StartupError(`the PostgreSQL user "${runAs.name}" cannot reach ${target}: a parent folder blocks it`)
    }
    await initdb(binaries, runAs, target, password, { lowPriority: options.lowPriority })
    await migrateTemplate(binaries, runAs, target, password, options.lowPriority ?? false)
  })
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
  const spawnIds = runAs ? { uid: runAs.uid, gid: runAs.gid } : {}
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' }
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

  function launch(): Promise<void> {
    return new Promise((resolve, reject) => {
      const proc = spawn(binaries.postgres, ['-D', pgdata, ...serverFlags(port, socketDir)], { ...spawnIds, env, stdio: ['ignore', 'pipe', 'pipe'] })
      child = proc
      let ready = false
      let early = ''
      const splitter = createPostgresLogSplitter((entry) => logs.log(entry))
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8')
        if (!ready) {
          early += text
          if (early.includes(READY_LINE)) {
            ready = true
            resolve()
          }
        }
        splitter.push(text)
      }
      proc.stdout?.on('data', onData)
      proc.stderr?.on('data', onData)
      proc.on('error', (err) => {
        if (!ready) reject(new StartupError(`could not start PostgreSQL: ${err.message}`))
      })
      proc.on('exit', (code, signal) => {
        splitter.end()
        if (child === proc) child = undefined
        if (!ready) {
          reject(new StartupError(`PostgreSQL could not start on ${pgdata}: ${lastErrorLine(early)}`))
          return
        }
        if (!stopping) void onUnexpectedExit(code, signal)
      })
    })
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
