// Faults and bad input for the headless runtime, run as a user runs it (the CLI as a child process): kill -9
// mid-write, a second runtime on one data directory, unusable data directories, a port that is taken, and a
// PostgreSQL that dies under a running runtime. None of them may delete or re-initialise a data directory.
import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import net from 'node:net'
import pg from 'pg'
import { runCli, type CliRun } from '../../helpers/cli-process.js'
import { tempDataDir, startTestRuntime } from '../../helpers/runtime.js'
import { isProcessAlive } from '../../../electron/server/data-dir-lock.js'

const running: CliRun[] = []
const dirs: string[] = []

function dir(): string {
  const d = tempDataDir('fluxbase-fault-')
  dirs.push(d)
  return d
}

function cli(args: string[]): CliRun {
  const run = runCli(args)
  running.push(run)
  return run
}

async function stopCli(run: CliRun): Promise<void> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM')
  await run.exited
}

/** A fingerprint of a directory tree (names and sizes), to prove a refused start touched nothing. */
function fingerprint(root: string): string {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name)
      const st = fs.lstatSync(p)
      out.push(`${path.relative(root, p)}:${st.isDirectory() ? 'd' : st.size}`)
      if (st.isDirectory()) walk(p)
    }
  }
  walk(root)
  return out.join('\n')
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(stderr).not.toMatch(/\n\s+at /)
  return lines[0]
}

afterEach(async () => {
  for (const run of running.splice(0)) await stopCli(run)
  for (const d of dirs.splice(0)) {
    // Orphaned postmasters (from kill -9 tests) must not outlive the test.
    const pidFile = path.join(d, 'pgdata', 'postmaster.pid')
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
      if (isProcessAlive(pid)) process.kill(pid, 'SIGQUIT')
    }
    fs.rmSync(d, { recursive: true, force: true })
  }
})

describe('faults', () => {
  it('prints one READY line, writes studio.json 0600, and exits 0 on SIGTERM and SIGINT', async () => {
    const d = dir()
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const run = cli(['--data-dir', d, '--port', '0'])
      const info = await run.ready
      expect(run.stdout().trim().split('\n')).toHaveLength(1)
      expect(Object.keys(info).sort()).toEqual(expect.arrayContaining(['apiUrl', 'studioUrl', 'anonKey', 'serviceRoleKey', 'jwtSecret', 'databaseUrl', 'dataDir', 'pid']))
      expect(fs.statSync(path.join(d, 'studio.json')).mode & 0o777).toBe(0o600)
      run.child.kill(signal)
      expect(await run.exited).toEqual({ code: 0, signal: null })
      expect(fs.existsSync(path.join(d, 'pgdata', 'postmaster.pid'))).toBe(false)
    }
  })

  it('survives kill -9 of the runtime mid-insert: the restart starts and every committed row is there', async () => {
    const d = dir()
    const first = cli(['--data-dir', d, '--port', '0'])
    const info = await first.ready
    const client = new pg.Client({ connectionString: info.databaseUrl })
    await client.connect()
    await client.query('CREATE TABLE crash_rows (id int PRIMARY KEY, payload text)')
    const committed: number[] = []
    let stop = false
    const writer = (async () => {
      for (let i = 1; !stop; i++) {
        try {
          await client.query('INSERT INTO crash_rows VALUES ($1, repeat($2, 100))', [i, 'x'])
          committed.push(i)
        } catch {
          return
        }
      }
    })()
    await new Promise((r) => setTimeout(r, 400))
    first.child.kill('SIGKILL')
    await first.exited
    stop = true
    await writer
    await client.end().catch(() => undefined)
    expect(committed.length).toBeGreaterThan(10)

    // Also take the orphaned PostgreSQL down hard, as a power cut would: its recovery must replay the WAL.
    const pid = Number(fs.readFileSync(path.join(d, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0])
    if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL')
    await new Promise((r) => setTimeout(r, 300))

    const second = cli(['--data-dir', d, '--port', '0'])
    const info2 = await second.ready
    const check = new pg.Client({ connectionString: info2.databaseUrl })
    await check.connect()
    const { rows } = await check.query<{ id: number }>('SELECT id FROM crash_rows ORDER BY id')
    await check.end()
    const present = new Set(rows.map((r) => r.id))
    expect(committed.filter((id) => !present.has(id))).toEqual([])
    expect(info2.jwtSecret).toBe(info.jwtSecret)
  })

  it('restarts cleanly after kill -9 while PostgreSQL keeps running (stale lock, orphaned postmaster)', async () => {
    const d = dir()
    const first = cli(['--data-dir', d, '--port', '0'])
    const info = await first.ready
    const c = new pg.Client({ connectionString: info.databaseUrl })
    await c.connect()
    await c.query('CREATE TABLE kept (n int)')
    await c.query('INSERT INTO kept VALUES (42)')
    await c.end()
    first.child.kill('SIGKILL')
    await first.exited
    expect(fs.existsSync(path.join(d, 'runtime.lock'))).toBe(true)
    const second = cli(['--data-dir', d, '--port', '0'])
    const info2 = await second.ready
    const c2 = new pg.Client({ connectionString: info2.databaseUrl })
    await c2.connect()
    expect((await c2.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }])
    await c2.end()
  })

  it('refuses a second runtime on the same data directory, naming the running one, and touches nothing', async () => {
    const d = dir()
    const first = cli(['--data-dir', d, '--port', '0'])
    const info = await first.ready
    const before = fingerprint(path.join(d, 'secrets.json').replace('secrets.json', ''))
    const second = cli(['--data-dir', d, '--port', '0'])
    const { code } = await second.exited
    expect(code).toBe(1)
    const line = oneLine(second.stderr())
    expect(line).toContain(`pid ${info.pid}`)
    expect(line).toContain(info.apiUrl)
    expect((await fetch(`${info.apiUrl}/health`)).status).toBe(200)
    expect(fingerprint(d).split('\n').filter((l) => !l.startsWith('pgdata') && !l.startsWith('logs'))).toEqual(
      before.split('\n').filter((l) => !l.startsWith('pgdata') && !l.startsWith('logs')),
    )
  })

  it('refuses a data directory from another PostgreSQL version, leaving it untouched', async () => {
    const d = dir()
    fs.mkdirSync(path.join(d, 'pgdata', 'base'), { recursive: true })
    fs.writeFileSync(path.join(d, 'pgdata', 'PG_VERSION'), '12\n')
    fs.writeFileSync(path.join(d, 'pgdata', 'base', 'precious'), 'data')
    const before = fingerprint(path.join(d, 'pgdata'))
    const run = cli(['--data-dir', d, '--port', '0'])
    expect((await run.exited).code).toBe(1)
    expect(oneLine(run.stderr())).toMatch(/PostgreSQL 12.*bundles PostgreSQL 18.*untouched/)
    expect(fingerprint(path.join(d, 'pgdata'))).toBe(before)
  })

  it('refuses a corrupted data directory with one line, and never re-initialises it', async () => {
    const d = dir()
    const first = cli(['--data-dir', d, '--port', '0'])
    const info = await first.ready
    const c = new pg.Client({ connectionString: info.databaseUrl })
    await c.connect()
    await c.query('CREATE TABLE precious (n int)')
    await c.end()
    await stopCli(first)
    fs.writeFileSync(path.join(d, 'pgdata', 'global', 'pg_control'), Buffer.alloc(8192, 7))
    const before = fingerprint(path.join(d, 'pgdata'))
    const run = cli(['--data-dir', d, '--port', '0'])
    expect((await run.exited).code).toBe(1)
    expect(oneLine(run.stderr())).toMatch(/PostgreSQL could not start on .*pgdata/)
    expect(fingerprint(path.join(d, 'pgdata'))).toBe(before)
  })

  it('refuses a non-directory or unreachable data directory with one line', async () => {
    const d = dir()
    const file = path.join(d, 'a-file')
    fs.writeFileSync(file, 'x')
    const run = cli(['--data-dir', file, '--port', '0'])
    expect((await run.exited).code).toBe(1)
    expect(oneLine(run.stderr())).toMatch(/data directory .*a-file/)
    expect(fs.readFileSync(file, 'utf8')).toBe('x')
  })

  it('refuses an explicitly requested port that is taken, with a clear error', async () => {
    const blocker = net.createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const run = cli(['--data-dir', dir(), '--port', String(port)])
      expect((await run.exited).code).toBe(1)
      expect(oneLine(run.stderr())).toContain(`port ${port} is already in use`)
    } finally {
      blocker.close()
    }
  })

  it('rejects bad flags with one line and exit code 2', async () => {
    const run = cli(['--port', 'eighty'])
    expect((await run.exited).code).toBe(2)
    expect(oneLine(run.stderr())).toContain('--port must be a number')
  })

  it('notices a PostgreSQL that dies: /health says degraded, then the runtime restarts it', async () => {
    const rt = await startTestRuntime()
    try {
      const pid = Number(fs.readFileSync(path.join(rt.info.dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0])
      process.kill(pid, 'SIGKILL')
      let sawDegraded = false
      let recovered = false
      const deadline = Date.now() + 30_000
      while (Date.now() < deadline && !recovered) {
        const res = await fetch(`${rt.info.apiUrl}/health`)
        const body = await res.json()
        if (res.status === 503) {
          expect(body.status).toBe('degraded')
          sawDegraded = true
        } else if (sawDegraded) recovered = true
        await new Promise((r) => setTimeout(r, 20))
      }
      expect(sawDegraded).toBe(true)
      expect(recovered).toBe(true)
      expect(rt.ctx.logs.recent().some((e) => e.message.startsWith('PostgreSQL exited unexpectedly'))).toBe(true)
      const { rows } = await rt.ctx.pools.admin.query('SELECT 1 AS one')
      expect(rows).toEqual([{ one: 1 }])
    } finally {
      await rt.stop()
    }
  })
})
