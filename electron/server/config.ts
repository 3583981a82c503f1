// config.ts — runtime options → resolved configuration. Decides where data lives (per-user app-data folder, or a
// system folder when running as root, whose home PostgreSQL's unprivileged user cannot reach).
import os from 'node:os'
import path from 'node:path'
import { resolveAuthOptions, type AuthOptions } from './auth/auth-options.js'
import { resolveLimitOptions, type LimitInput, type LimitOptions } from './limits/limit-options.js'
import { isDirectory, projectLayout, resolveProjectRoot, type ProjectLayout } from './project/project-layout.js'

export interface StudioRuntimeOptions {
  /** Data directory; default: the OS's per-user app-data folder (see defaultDataDir). */
  dataDir?: string
  /** API port; 0 picks a free one. Default 8080, or the next free port after it. */
  port?: number
  /** Use an existing PostgreSQL server instead of the embedded one. */
  databaseUrl?: string
  /** Where the built studio UI lives (out/renderer). */
  studioDistDir?: string
  /** Keep this many log entries in memory. */
  logRingSize?: number
  /** Default and maximum REST page size. */
  maxPageSize?: number
  /** Minimum password length for sign-up (upstream: 12). */
  minPasswordLength?: number
  /** Connections the API may hold open to PostgreSQL at once (default: see defaultApiConnections). */
  apiConnections?: number
  /** Token lifetimes, lock-out, rate limit, sign-up switches (auth/auth-options.ts). */
  auth?: Partial<AuthOptions>
  /** Statement timeouts per role, pool-acquire deadline, async RPCs per caller, response size (limits/). */
  limits?: LimitInput
  /** Restart PostgreSQL if it dies. Default true. */
  superviseDatabase?: boolean
  /** Print nothing to the console (tests). */
  quiet?: boolean
  /** The app's folder in the Fluxbase CLI's layout (DIR/fluxbase/migrations, rpc, seed.sql…): see project/project-layout.ts. */
  project?: string
  /** Alias of `project` (its older name). */
  projectDir?: string
  /** Overrides DIR/fluxbase/rpc: a folder of `-- @fluxbase:` annotated .sql procedures, synced into the RPC registry at start. */
  rpcDir?: string
  /** The app's edge functions folder (name.ts or name/index.ts, _shared/, deno.json): loaded at start, watched. */
  functionsDir?: string
  /** The app's job functions folder (name.ts or name/index.ts, _shared/): loaded at start, watched, run by workers. */
  jobsDir?: string
  /** The jobs scheduler's clock (tests move time instead of waiting for minutes). */
  jobsClock?: () => Date
  /** Cache of a pristine cluster for fast first starts: a folder, or false to always run initdb. */
  pgTemplateCache?: string | false
  /** The app's TypeScript types file, rewritten whenever the schema changes. */
  typesOut?: string
}

export interface RuntimeConfig {
  dataDir: string
  port: number
  portExplicit: boolean
  databaseUrl?: string
  studioDistDir?: string
  logRingSize: number
  maxPageSize: number
  minPasswordLength: number
  apiConnections: number
  auth: AuthOptions
  limits: LimitOptions
  superviseDatabase: boolean
  quiet: boolean
  pgTemplateCache?: string | false
  /** The app's folder (resolved: --project, else the starting folder when it holds fluxbase/, else DATA_DIR/project). */
  projectDir: string
  project: ProjectLayout
  rpcDir?: string
  typesOut?: string
  functionsDir?: string
  jobsDir?: string
  jobsClock?: () => Date
}

export const DEFAULT_PORT = 8080

export function defaultDataDir(platform = process.platform, env = process.env, uid = process.getuid?.() ?? -1): string {
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Fluxbase Studio')
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Fluxbase Studio')
  // PostgreSQL refuses to run as root, and the unprivileged user it then runs as cannot enter root's 0700 home.
  if (uid === 0) return '/var/lib/fluxbase-studio'
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(os.homedir(), '.local', 'share')
  return path.join(xdg, 'fluxbase-studio')
}

export function resolveConfig(options: StudioRuntimeOptions = {}): RuntimeConfig {
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir())
  const project = projectLayout(resolveProjectRoot({ project: options.project ?? options.projectDir, dataDir }))
  return {
    dataDir,
    projectDir: project.root,
    project,
    rpcDir: options.rpcDir ? path.resolve(options.rpcDir) : isDirectory(project.rpcDir) ? project.rpcDir : undefined,
    typesOut: options.typesOut ? path.resolve(options.typesOut) : undefined,
    // The project's fluxbase/functions and fluxbase/jobs, when they exist; the flags override them.
    functionsDir: options.functionsDir ? path.resolve(options.functionsDir) : isDirectory(project.functionsDir) ? project.functionsDir : undefined,
    jobsDir: options.jobsDir ? path.resolve(options.jobsDir) : isDirectory(project.jobsDir) ? project.jobsDir : undefined,
    jobsClock: options.jobsClock,
    port: options.port ?? DEFAULT_PORT,
    portExplicit: options.port !== undefined,
    databaseUrl: options.databaseUrl,
    studioDistDir: options.studioDistDir,
    logRingSize: options.logRingSize ?? 5000,
    maxPageSize: options.maxPageSize ?? 1000,
    minPasswordLength: options.minPasswordLength ?? 12,
    apiConnections: options.apiConnections ?? defaultApiConnections(),
    auth: resolveAuthOptions(options.auth),
    limits: resolveLimitOptions(options.limits),
    superviseDatabase: options.superviseDatabase ?? true,
    quiet: options.quiet ?? false,
    pgTemplateCache: options.pgTemplateCache ?? templateCacheFromEnv(process.env.FLUXBASE_PG_TEMPLATE_CACHE),
  }
}

/**
 * PostgreSQL's rule of thumb, 2 × cores + 2 (at most 20): more backends running at once than the cores can serve
 * only share the CPU among themselves and the API's own thread, so latency spreads out (REST bench (b), 2 cores:
 * p99 13.5–14.7 ms with 6 connections against 17.5–19.3 ms with 20, same throughput). Requests beyond it wait their
 * turn in the pool, in order.
 */
export function defaultApiConnections(cores = os.availableParallelism?.() ?? os.cpus().length): number {
  return Math.min(20, 2 * Math.max(1, cores) + 2)
}

/** FLUXBASE_PG_TEMPLATE_CACHE: "off" disables the cluster template cache; an absolute path moves it. */
function templateCacheFromEnv(value: string | undefined): string | false | undefined {
  if (!value) return undefined
  if (value === 'off' || value === '0' || value === 'false') return false
  return path.resolve(value)
}
