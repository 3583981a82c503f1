// Both ways users run it: as root (PostgreSQL then runs as an unprivileged system user, and the data directory's
// pgdata belongs to that user) and as an ordinary user (everything runs as that user, with the default data
// directory under $XDG_DATA_HOME).
import { afterAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { runCli, CLI, type CliRun } from '../../helpers/cli-process.js'
import { tempDataDir } from '../../helpers/runtime.js'

const runs: CliRun[] = []
const dirs: string[] = []
afterAll(async () => {
  for (const r of runs) {
    r.child.kill('SIGTERM')
    await r.exited
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

const isRoot = process.getuid?.() === 0
const nobody = (() => {
  const uid = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' })
  return uid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined
})()
// An ordinary user must be able to read the checkout (not the case under a 0700 home such as /root).
const nobodyCanRun = !!nobody && isRoot && spawnSync('/bin/sh', ['-c', `test -r "${CLI}" && test -x "${path.dirname(CLI)}"`], { uid: nobody.uid, gid: nobody.gid }).status === 0

describe('who runs it', () => {
  it.runIf(isRoot)('as root: PostgreSQL runs as an unprivileged user that owns pgdata', async () => {
    const d = tempDataDir()
    dirs.push(d)
    const run = runCli(['--data-dir', d, '--port', '0'])
    runs.push(run)
    await run.ready
    const pgdata = fs.statSync(path.join(d, 'pgdata'))
    expect(pgdata.uid).not.toBe(0)
    const pid = Number(fs.readFileSync(path.join(d, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0])
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)![1])
    expect(uid).toBe(pgdata.uid)
    expect(uid).not.toBe(0)
    // The secrets stay root's.
    expect(fs.statSync(path.join(d, 'secrets.json')).uid).toBe(0)
  })

  it.runIf(nobodyCanRun)('as an ordinary user, with the default data directory under $XDG_DATA_HOME', async () => {
    const home = tempDataDir('fluxbase-home-')
    dirs.push(home)
    fs.chownSync(home, nobody!.uid, nobody!.gid)
    const run = runCli(['--port', '0'], {
      uid: nobody!.uid,
      gid: nobody!.gid,
      env: { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'xdg') },
    })
    runs.push(run)
    const info = await run.ready
    expect(info.dataDir).toBe(path.join(home, 'xdg', 'fluxbase-studio'))
    expect(fs.statSync(path.join(info.dataDir, 'pgdata')).uid).toBe(nobody!.uid)
    expect((await fetch(`${info.apiUrl}/health`)).status).toBe(200)
  })

  it.runIf(nobodyCanRun)('as an ordinary user, an unwritable data directory is one clear line', async () => {
    const d = tempDataDir()
    dirs.push(d)
    fs.chmodSync(d, 0o755) // root's, not writable by nobody
    const run = runCli(['--data-dir', path.join(d, 'sub'), '--port', '0'], { uid: nobody!.uid, gid: nobody!.gid, env: { ...process.env, HOME: d } })
    runs.push(run)
    expect((await run.exited).code).toBe(1)
    expect(run.stderr().trim()).toMatch(/^fluxbase-studio: cannot write to the data directory .*sub: permission denied$/)
  })
})
