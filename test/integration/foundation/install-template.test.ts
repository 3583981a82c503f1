// The install-time cluster template (scripts/prepare-pg-template.mjs, run by `npm install` as postinstall): it
// makes the template the runtime would make and its spare copy; a runtime's first start on a new data directory
// takes the spare (or copies the template when there is none) instead of running initdb, and gives the new cluster
// its own superuser password; a detached helper then makes the next spare; a second install run is a no-op, and no
// problem ever fails the install.
import { afterAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { runCli } from '../../helpers/cli-process.js'
import { tempDataDir } from '../../helpers/runtime.js'
import type { LogEntry } from '../../../electron/server/logs/log-entry.js'
import { postgresOsUser } from '../../../electron/server/postgres/os-user.js'

const SCRIPT = path.resolve('scripts/prepare-pg-template.mjs')
const dirs: string[] = []

function dir(prefix: string): string {
  const d = tempDataDir(prefix)
  dirs.push(d)
  return d
}

function prepare(cache: string): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, FLUXBASE_PG_TEMPLATE_CACHE: cache }, encoding: 'utf8', timeout: 120_000 })
  return { code: res.status, stdout: res.stdout, stderr: res.stderr }
}

/** Names, sizes and modification times of a tree: proves a run changed nothing. */
function snapshot(root: string): string {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name)
      const st = fs.lstatSync(p)
      out.push(`${path.relative(root, p)}:${st.isDirectory() ? 'd' : st.size}:${st.mtimeMs}`)
      if (st.isDirectory()) walk(p)
    }
  }
  walk(root)
  return out.join('\n')
}

/** The PostgreSQL ready line of a data directory's first start: how its cluster was made. */
function readyFields(dataDir: string): Record<string, unknown> | undefined {
  const entries = fs
    .readFileSync(path.join(dataDir, 'logs', 'fluxbase.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogEntry)
  return entries.find((e) => e.component === 'postgres' && /^PostgreSQL ready in \d+ ms$/.test(e.message))?.fields
}

async function startAndStop(dataDir: string, cache: string): Promise<void> {
  const run = runCli(['--data-dir', dataDir, '--port', '0'], { env: { ...process.env, FLUXBASE_PG_TEMPLATE_CACHE: cache } })
  try {
    await run.ready
  } finally {
    run.child.kill('SIGTERM')
    await run.exited
  }
}

/** The helper starts a few seconds after the start that took the spare, then copies for a second or two. */
async function spareBack(templateDir: string): Promise<void> {
  const until = Date.now() + 30_000
  while (Date.now() < until) {
    if (fs.existsSync(path.join(templateDir, 'spare-pgdata', 'PG_VERSION')) && !fs.existsSync(path.join(templateDir, 'spare.lock'))) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no spare in ${templateDir} after 30 s: ${fs.readdirSync(templateDir).join(', ')}`)
}

/** The spare as a data directory needs it: PostgreSQL's user owns it, nobody else may enter. */
function expectUsableSpare(templateDir: string): void {
  const st = fs.statSync(path.join(templateDir, 'spare-pgdata'))
  expect(st.mode & 0o777).toBe(0o700)
  const runAs = postgresOsUser()
  expect(st.uid).toBe(runAs ? runAs.uid : process.getuid!())
  expect(fs.readdirSync(templateDir).filter((n) => n.includes('.tmp-'))).toEqual([])
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

describe('install-time cluster template', () => {
  const cache = dir('fluxbase-tplcache-')
  let templateDir = ''

  it('makes the template in an empty cache, in one line', () => {
    const res = prepare(cache)
    expect(res.code).toBe(0)
    expect(res.stderr).toBe('')
    const lines = res.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^fluxbase-studio: PostgreSQL cluster template made in [\d.]+ s \(.+\): the first start skips initdb$/)
    const made = fs.readdirSync(cache).filter((n) => n.startsWith('template-'))
    // The runtime's key: the PostgreSQL version and the template format; no staging folder left behind.
    expect(made).toHaveLength(1)
    expect(made[0]).toMatch(/^template-pg\d+\.\d+-f\d+-[0-9a-f]{10}$/)
    templateDir = path.join(cache, made[0])
    expect(fs.existsSync(path.join(templateDir, 'pgdata', 'PG_VERSION'))).toBe(true)
    const marker = JSON.parse(fs.readFileSync(path.join(templateDir, 'fluxbase-template.json'), 'utf8'))
    expect(typeof marker.password).toBe('string')
    expect(fs.statSync(path.join(templateDir, 'fluxbase-template.json')).mode & 0o077).toBe(0)
    expectUsableSpare(templateDir)
  })

  it('is a no-op the second time', () => {
    const before = snapshot(cache)
    const res = prepare(cache)
    expect(res.code).toBe(0)
    expect(res.stdout.trim().split('\n')).toEqual([`fluxbase-studio: PostgreSQL cluster template already in ${templateDir}`])
    expect(snapshot(cache)).toBe(before)
  })

  it('gives a new data directory its first start from the template, with its own superuser password', async () => {
    const templatePassword = JSON.parse(fs.readFileSync(path.join(templateDir, 'fluxbase-template.json'), 'utf8')).password as string
    const before = snapshot(path.join(templateDir, 'pgdata'))
    const dataDir = dir('fluxbase-tplstart-')
    const startedAt = Date.now()
    const run = runCli(['--data-dir', dataDir, '--port', '0'], { env: { ...process.env, FLUXBASE_PG_TEMPLATE_CACHE: cache } })
    try {
      const info = await run.ready
      const port = Number(new URL(info.databaseUrl).port)
      // The template's bootstrap password was rotated at this first start: it no longer opens the new cluster.
      const stale = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: templatePassword, database: 'postgres' })
      await expect(stale.connect()).rejects.toThrow(/password authentication failed/)
      await stale.end().catch(() => undefined)
      const own = new pg.Client({ connectionString: info.databaseUrl })
      await own.connect()
      expect((await own.query('SELECT 1 AS one')).rows[0].one).toBe(1)
      // The bootstrap migrations came with the template (applied when it was made, before this start).
      const { rows } = await own.query<{ n: number; first: Date }>('SELECT count(*)::int AS n, min(applied_at) AS first FROM fluxbase_meta.migrations')
      expect(rows[0].n).toBe(fs.readdirSync('resources/migrations').filter((f) => f.endsWith('.sql')).length)
      expect(rows[0].first.getTime()).toBeLessThan(startedAt)
      await own.end()
      expect(fs.existsSync(path.join(dataDir, 'superuser-bootstrap'))).toBe(false)
    } finally {
      run.child.kill('SIGTERM')
      await run.exited
    }
    // The spare, renamed into place; the template itself untouched.
    expect(readyFields(dataDir)).toMatchObject({ initialised: true, from_template: true, from_spare: true })
    expect(snapshot(path.join(templateDir, 'pgdata'))).toBe(before)
    // A helper makes the next spare once the start is over, for the next new data directory.
    await spareBack(templateDir)
    expectUsableSpare(templateDir)
    const next = dir('fluxbase-tplnext-')
    await startAndStop(next, cache)
    expect(readyFields(next)).toMatchObject({ from_template: true, from_spare: true })
    await spareBack(templateDir)
  })

  it('copies the template when the spare is gone, and leaves a spare behind', async () => {
    fs.rmSync(path.join(templateDir, 'spare-pgdata'), { recursive: true })
    const dataDir = dir('fluxbase-tplcopy-')
    await startAndStop(dataDir, cache)
    expect(readyFields(dataDir)).toMatchObject({ initialised: true, from_template: true, from_spare: false })
    await spareBack(templateDir)
    expectUsableSpare(templateDir)
  })

  it("clears what a refill helper that died left behind (its lock and half-made copy)", async () => {
    fs.rmSync(path.join(templateDir, 'spare-pgdata'), { recursive: true })
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    const deadPid = Number(gone.stdout)
    fs.writeFileSync(path.join(templateDir, 'spare.lock'), String(deadPid))
    fs.mkdirSync(path.join(templateDir, `spare-pgdata.tmp-${deadPid}`))
    fs.writeFileSync(path.join(templateDir, `spare-pgdata.tmp-${deadPid}`, 'half'), 'x')
    const helper = spawnSync(process.execPath, [path.resolve('resources/scripts/refill-pg-spare.cjs'), templateDir, '0', ...(postgresOsUser() ? [String(postgresOsUser()!.uid), String(postgresOsUser()!.gid)] : [])])
    expect(helper.status).toBe(0)
    expect(fs.existsSync(path.join(templateDir, 'spare.lock'))).toBe(false)
    expectUsableSpare(templateDir)
  })

  it('without a template (install step skipped), the first start runs initdb and leaves a template for the next', async () => {
    const emptyCache = dir('fluxbase-tplnone-')
    const dataDir = dir('fluxbase-tplinit-')
    const run = runCli(['--data-dir', dataDir, '--port', '0'], { env: { ...process.env, FLUXBASE_PG_TEMPLATE_CACHE: emptyCache } })
    try {
      const info = await run.ready
      const client = new pg.Client({ connectionString: info.databaseUrl })
      await client.connect()
      expect((await client.query("SELECT count(*)::int AS n FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role')")).rows[0].n).toBe(3)
      await client.end()
    } finally {
      run.child.kill('SIGTERM')
      await run.exited
    }
    expect(readyFields(dataDir)).toMatchObject({ initialised: true, from_template: false })
    // Stopping waited for the background build: the next new data directory skips initdb.
    expect(fs.readdirSync(emptyCache).filter((n) => /^template-pg\d+\.\d+-f\d+-[0-9a-f]{10}$/.test(n))).toHaveLength(1)
  })

  it('never fails the install: off is silent, a problem is one line and exit 0', () => {
    const off = prepare('off')
    expect(off).toMatchObject({ code: 0, stdout: '', stderr: '' })
    const notAFolder = path.join(dir('fluxbase-tplbad-'), 'file')
    fs.writeFileSync(notAFolder, 'x')
    const bad = prepare(notAFolder)
    expect(bad.code).toBe(0)
    expect(bad.stderr).toBe('')
    expect(bad.stdout.trim().split('\n')).toHaveLength(1)
    expect(bad.stdout).toMatch(/^fluxbase-studio: no PostgreSQL cluster template made at install \(.+\); the first start will make it instead\n$/)
  })
})
