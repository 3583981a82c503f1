// The `fluxbase-studio` bin (out/server/cli.js, built by `npm run build:server`) as a user runs it: commands on a
// data directory with no runtime (one is started for the command) and with a running one, confirmations, exit
// codes, and kill -9 in the middle of a reset leaving the old database or the new one, never a broken one.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDataDir } from '../../helpers/runtime.js'
import { CLI } from '../../helpers/cli-process.js'
import { parseReadyLine, type RuntimeReady } from '../../../contract/runtime-ready.js'
import { makeProject, type TestProject } from './project-folder.js'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function start(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const done = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
  const ready = new Promise<RuntimeReady>((resolve, reject) => {
    child.stdout.on('data', () => {
      for (const line of stdout.split('\n')) {
        const r = parseReadyLine(line)
        if (r) resolve(r)
      }
    })
    void done.then((r) => reject(new Error(`exited ${r.code}: ${r.stderr}`)))
  })
  ready.catch(() => undefined)
  return { child, done, ready }
}
const run = (args: string[]) => start(args).done

let project: TestProject
let dataDir: string
const where = () => ['--data-dir', dataDir, '--project', project.root]

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:server`)
  project = makeProject({ '001_todos.up.sql': 'CREATE TABLE todos (id serial PRIMARY KEY, title text NOT NULL);\n' }, "INSERT INTO todos (title) VALUES ('seed');\n")
  dataDir = tempDataDir()
})
afterAll(() => {
  // A failed round may leave the killed command's PostgreSQL running: take it down before removing its files.
  try {
    process.kill(Number(fs.readFileSync(path.join(dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL')
  } catch {
    // not running
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
  project?.remove()
})

async function titles(databaseUrl: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    return (await c.query('SELECT title FROM todos ORDER BY id')).rows.map((r) => r.title)
  } finally {
    await c.end()
  }
}

describe('fluxbase-studio CLI', () => {
  it('migration new writes the next numbered file; bad usage exits 2 with one line', async () => {
    const r = await run(['migration', 'new', 'add', 'tags', '--project', project.root])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(path.join(project.migrationsDir, '002_add_tags.up.sql'))
    fs.writeFileSync(r.stdout.trim(), 'CREATE TABLE tags (name text);\n')
    const bad = await run(['snapshot', 'frobnicate', 'x'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect((await run(['reset', '--nope'])).code).toBe(2)
  })

  it('works on a data directory with no runtime: migrate, snapshots, reset (which needs --yes without a terminal)', { timeout: 180_000 }, async () => {
    const m = await run(['migrate', ...where()])
    expect(m.code, m.stderr).toBe(0)
    const saved = await run(['snapshot', 'save', 'first', ...where(), '--json'])
    expect(saved.code, saved.stderr).toBe(0)
    expect(JSON.parse(saved.stdout)).toMatchObject({ name: 'first' })
    const list = await run(['snapshot', 'list', ...where(), '--json'])
    expect(JSON.parse(list.stdout).map((s: { name: string }) => s.name)).toEqual(['first'])
    const unconfirmed = await run(['reset', ...where()])
    expect(unconfirmed.code).toBe(4)
    expect(unconfirmed.stderr).toContain('--yes')
    const reset = await run(['reset', '--yes', ...where()])
    expect(reset.code, reset.stderr).toBe(0)
    expect(reset.stdout).toMatch(/^reset in \d+ ms/)
    const missing = await run(['snapshot', 'restore', 'nope', '--yes', ...where()])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no snapshot named "nope"')
  })

  it('talks to the running runtime: status prints its URLs and keys, snapshot restore brings rows back', { timeout: 120_000 }, async () => {
    const serve = start(['serve', '--quiet', '--port', '0', ...where()])
    try {
      const info = await serve.ready
      const s = await run(['status', ...where(), '--json'])
      expect(s.code, s.stderr).toBe(0)
      const status = JSON.parse(s.stdout)
      expect(status).toMatchObject({ apiUrl: info.apiUrl, anonKey: info.anonKey, serviceRoleKey: info.serviceRoleKey, pid: info.pid })
      expect(status.project.migrations.map((m: { state: string }) => m.state)).toEqual(['applied', 'applied'])
      expect((await run(['snapshot', 'save', 'seeded', ...where()])).code).toBe(0)
      const c = new pg.Client({ connectionString: info.databaseUrl })
      await c.connect()
      await c.query('DELETE FROM todos')
      await c.end()
      const restore = await run(['snapshot', 'restore', 'seeded', '--yes', ...where()])
      expect(restore.code, restore.stderr).toBe(0)
      expect(await titles(info.databaseUrl)).toEqual(['seed'])
      expect((await fetch(`${info.apiUrl}/health`)).status).toBe(200)
    } finally {
      serve.child.kill('SIGTERM')
      await serve.done
    }
    expect((await run(['status', ...where()])).code).toBe(3)
  })

  // Killed when the reset reaches each of its steps, watched from outside through the catalog: building the
  // template, the clone made (the swap next), connections to the live database switched off (inside the swap).
  const STEPS: Array<[string, string]> = [
    ['building the template', "SELECT 1 FROM pg_database WHERE datname LIKE 'fluxbase_build_%'"],
    ['clone made', "SELECT 1 FROM pg_database WHERE datname LIKE 'fluxbase_next_%'"],
    ['inside the swap', "SELECT 1 FROM pg_database WHERE datname = 'postgres' AND NOT datallowconn"],
    ['old database renamed away', "SELECT 1 FROM pg_database WHERE datname LIKE 'fluxbase_old_%'"],
  ]

  async function killAt(step: string): Promise<string> {
    const reset = start(['reset', '--yes', ...where()])
    // The command's own runtime writes studio.json (with the cluster's address) once it is up.
    let url: string | undefined
    while (!url) {
      try {
        const j = JSON.parse(fs.readFileSync(path.join(dataDir, 'studio.json'), 'utf8'))
        if (j.pid === reset.child.pid) url = j.databaseUrl
      } catch {
        // not written yet
      }
      await new Promise((r) => setTimeout(r, 20))
    }
    const watch = new pg.Client({ connectionString: url.replace(/\/postgres$/, '/template1') })
    await watch.connect()
    const sql = STEPS.find(([name]) => name === step)![1]
    let seen = 'finished first'
    const finished = reset.done.then(() => true)
    while (!(await Promise.race([finished, Promise.resolve(false)]))) {
      if ((await watch.query(sql)).rows.length) {
        reset.child.kill('SIGKILL')
        seen = 'killed'
        break
      }
    }
    await watch.end().catch(() => undefined)
    await reset.done
    return seen
  }

  it('kill -9 at any step of a reset leaves the old database or the new one, never a broken one', async () => {
    const outcomes: string[] = []
    for (const [step] of STEPS) {
      // The "old" state: the seed plus a row typed by hand. The "new" one: the seed alone. Each round edits the
      // folder's seed comment so the template is rebuilt (its build is one of the steps).
      project.seed(`-- round ${outcomes.length}\nINSERT INTO todos (title) VALUES ('seed');\n`)
      const serve = start(['serve', '--quiet', '--port', '0', ...where()])
      const info = await serve.ready
      const c = new pg.Client({ connectionString: info.databaseUrl })
      await c.connect()
      await c.query("DELETE FROM todos WHERE title <> 'seed'; INSERT INTO todos (title) VALUES ('typed by hand')")
      await c.end()
      serve.child.kill('SIGTERM')
      await serve.done
      const killed = await killAt(step)
      const after = start(['serve', '--quiet', '--port', '0', ...where()])
      try {
        const info2 = await after.ready
        const rows = await titles(info2.databaseUrl)
        expect([['seed', 'typed by hand'], ['seed']]).toContainEqual(rows)
        outcomes.push(`${step}: ${killed}, ${rows.length === 1 ? 'new' : 'old'} database`)
        const c2 = new pg.Client({ connectionString: info2.databaseUrl })
        await c2.connect()
        const spares = await c2.query("SELECT datname FROM pg_database WHERE datname LIKE 'fluxbase_next_%' OR datname LIKE 'fluxbase_old_%' OR datname LIKE 'fluxbase_build_%'")
        await c2.end()
        expect(spares.rows).toEqual([])
        expect((await fetch(`${info2.apiUrl}/health`)).status).toBe(200)
        expect((await fetch(`${info2.apiUrl}/api/v1/tables/todos?select=title`, { headers: { Authorization: `Bearer ${info2.serviceRoleKey}` } })).status).toBe(200)
      } finally {
        after.child.kill('SIGTERM')
        await after.done
      }
    }
    console.log(`kill -9 during reset:\n  ${outcomes.join('\n  ')}`)
  }, 600_000)
})
