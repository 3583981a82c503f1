// postgres/cluster-template.ts — a pristine cluster kept in a per-user cache: initdb's result with the bootstrap
// migrations applied, cleanly shut down. initdb and the migrations cost seconds; taking the template's spare
// (cluster-spare.ts) or copying the template costs less, so every new data directory starts faster (first start of
// a new project, every test's temporary runtime). Keyed by PostgreSQL version, initdb flags and the migrations.
// Made at install time when it can be (scripts/prepare-pg-template.mjs), else after the first start.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { spawn } from 'node:child_process'
import type { OsUser } from './os-user.js'
import { loadMigrations } from './migrations.js'

/** Bump when the initdb flags or what a template holds change, so old templates are not reused. */
const TEMPLATE_FORMAT = 2
const MARKER = 'fluxbase-template.json'

export interface ClusterTemplate {
  dir: string
  /** The superuser password the template was made with; rotated right after the first start. */
  password: string
}

export function templateCacheRoot(runAs: OsUser | undefined, env = process.env): string {
  if (runAs) return '/var/lib/fluxbase-studio/.postgresql'
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'Fluxbase Studio')
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? os.tmpdir(), 'Fluxbase Studio', 'Cache')
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache')
  return path.join(xdg, 'fluxbase-studio')
}

let migrationsKey: string | undefined

/** The bootstrap migrations' fingerprint: a template made with other migrations is another template. */
function templateMigrationsKey(): string {
  migrationsKey ??= crypto
    .createHash('sha256')
    .update(JSON.stringify(loadMigrations()))
    .digest('hex')
    .slice(0, 10)
  return migrationsKey
}

function templateDir(root: string, version: string): string {
  return path.join(root, `template-pg${version}-f${TEMPLATE_FORMAT}-${templateMigrationsKey()}`)
}

export function findTemplate(root: string, version: string): ClusterTemplate | undefined {
  const dir = templateDir(root, version)
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as { password: string }
    if (!fs.existsSync(path.join(dir, 'pgdata', 'PG_VERSION'))) return undefined
    return { dir, password: marker.password }
  } catch {
    return undefined
  }
}

export function newBootstrapPassword(): string {
  return crypto.randomBytes(18).toString('base64url')
}

/**
 * Builds the template with its own initdb (copying a live cluster would not be consistent): into a staging folder,
 * then renamed into place, so a half-made template is never found. Throws what went wrong. A template that is
 * already there (or that another process finished meanwhile) counts as done. The runtime runs it after a first
 * start without one (low priority, best effort); `npm install` usually made it already (scripts/prepare-pg-template.mjs).
 */
export async function buildTemplate(root: string, version: string, runInitdb: (pgdata: string, password: string) => Promise<void>): Promise<void> {
  const dir = templateDir(root, version)
  if (fs.existsSync(dir)) return
  const staging = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`
  try {
    fs.mkdirSync(staging, { recursive: true, mode: 0o700 })
    const password = newBootstrapPassword()
    await runInitdb(path.join(staging, 'pgdata'), password)
    fs.writeFileSync(path.join(staging, MARKER), JSON.stringify({ password, createdAt: new Date().toISOString() }), { mode: 0o600 })
    fs.renameSync(staging, dir)
  } catch (err) {
    try {
      fs.rmSync(staging, { recursive: true, force: true })
    } catch {
      // Nothing was made there (e.g. root is not a folder): the first error is the one to report.
    }
    if (findTemplate(root, version)) return
    throw err
  }
}

/**
 * Copies the template into an empty pgdata, owned by the user PostgreSQL runs as. The system's `cp -a` does it in
 * another process: the copy mostly waits on the disk (creating ~1,000 files), and meanwhile this process's main
 * thread loads the HTTP stack (see runtime.ts). It is also the fastest way measured here (1.0 s, against 1.2 s for
 * fs.cpSync, which would block the main thread, and 2.3 s for fs.promises.cp). Where there is no `cp` (Windows),
 * or it fails, fs.cpSync does it.
 */
export async function copyTemplate(template: ClusterTemplate, pgdata: string, runAs: OsUser | undefined): Promise<void> {
  const source = path.join(template.dir, 'pgdata')
  const copied =
    process.platform !== 'win32' &&
    (await new Promise<boolean>((resolve) => {
      // `src/.` into the existing (empty) pgdata: its contents, not a pgdata folder inside it.
      const cp = spawn('cp', ['-a', `${source}/.`, pgdata], { stdio: 'ignore' })
      cp.on('error', () => resolve(false))
      cp.on('exit', (code) => resolve(code === 0))
    }))
  if (!copied) {
    fs.rmSync(pgdata, { recursive: true, force: true })
    fs.cpSync(source, pgdata, { recursive: true, preserveTimestamps: true })
  }
  fs.chmodSync(pgdata, 0o700)
  if (runAs) chownTree(pgdata, runAs)
}

function chownTree(dir: string, user: OsUser): void {
  fs.chownSync(dir, user.uid, user.gid)
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) chownTree(p, user)
    else fs.lchownSync(p, user.uid, user.gid)
  }
}
