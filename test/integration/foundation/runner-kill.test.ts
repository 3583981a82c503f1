// A test runner killed in the middle of a file leaves nothing running: the headless runtime it started as a child
// (--exit-with-parent) and the one inside its worker both stop, PostgreSQL with them. Runs a real vitest on a
// fixture file (test/fixtures/runner-kill/) that starts both and waits, then SIGKILLs the runner.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { runCli } from '../../helpers/cli-process.js'

const VITEST = path.resolve('node_modules/vitest/vitest.mjs')
const CONFIG = path.resolve('test/fixtures/runner-kill/vitest.config.ts')

/** Every process whose command line mentions one of these folders (runtimes, postmasters), as "pid cmdline". */
function processesUsing(folders: string[]): string[] {
  const found: string[] = []
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline: string
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    } catch {
      continue
    }
    if (folders.some((folder) => cmdline.includes(folder))) found.push(`${pid} ${cmdline.trim()}`)
  }
  return found
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    return undefined
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe.runIf(process.platform === 'linux')('a test runner killed mid-file', () => {
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-runner-kill-'))
  const report = path.join(reportDir, 'report.json')
  let dataDirs: string[] = []
  let runnerPid: number | undefined
  let workerPid: number | undefined

  afterAll(() => {
    // Whatever this test found still running is stopped here, so a failure does not leak it into the rest of the run.
    for (const pid of [runnerPid, workerPid]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL')
    for (const line of processesUsing(dataDirs)) process.kill(Number(line.split(' ')[0]), 'SIGKILL')
    for (const dir of [...dataDirs, reportDir]) fs.rmSync(dir, { recursive: true, force: true })
  })

  test('leaves no runtime and no PostgreSQL behind', async () => {
    const runner = spawn(process.execPath, [VITEST, 'run', '--config', CONFIG], {
      env: { ...process.env, RUNNER_KILL_REPORT: report, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    runnerPid = runner.pid
    let output = ''
    runner.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    runner.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise((resolve) => runner.once('exit', resolve))

    const started = await waitFor(`the fixture's two runtimes (runner output so far: ${output})`, 120_000, () => {
      if (runner.exitCode !== null) throw new Error(`the runner exited early: ${output}`)
      return fs.existsSync(report) ? (JSON.parse(fs.readFileSync(report, 'utf8')) as { dataDirs: string[]; workerPid: number }) : undefined
    })
    dataDirs = started.dataDirs
    workerPid = started.workerPid
    const postmasters = dataDirs.map(postmasterPid)
    expect(postmasters.every((pid) => pid !== undefined && alive(pid))).toBe(true)
    expect(processesUsing(dataDirs).length).toBeGreaterThan(0)

    runner.kill('SIGKILL')
    await exited

    await waitFor('every runtime and PostgreSQL to stop', 20_000, () => {
      const left = processesUsing(dataDirs)
      return left.length === 0 && postmasters.every((pid) => !alive(pid!)) && !alive(workerPid!) ? true : undefined
    }).catch((error: Error) => {
      throw new Error(`${error.message}; still running:\n${processesUsing(dataDirs).join('\n')}`)
    })
  }, 240_000)
})

describe.runIf(process.platform === 'linux')('--exit-with-parent', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-exit-with-parent-'))
  afterAll(() => {
    for (const line of processesUsing([dataDir])) process.kill(Number(line.split(' ')[0]), 'SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  test('a runtime started by a process that is killed stops cleanly, PostgreSQL with it', async () => {
    // The host: a Node process that starts the CLI and prints its READY line, then waits to be killed.
    const host = spawn(
      process.execPath,
      ['-e', `const c = require('node:child_process').spawn(process.execPath, [${JSON.stringify(path.resolve('out/server/cli.js'))}, '--quiet', '--exit-with-parent', '--data-dir', ${JSON.stringify(dataDir)}, '--port', '0'], { stdio: ['ignore', 'inherit', 'inherit'] }); setInterval(() => {}, 1000)`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    host.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    host.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await waitFor('the READY line', 90_000, () => (output.includes('READY ') ? true : undefined))
    const postmaster = postmasterPid(dataDir)!
    expect(alive(postmaster)).toBe(true)
    host.kill('SIGKILL')
    await waitFor('the runtime and PostgreSQL to stop', 20_000, () => (processesUsing([dataDir]).length === 0 && !alive(postmaster) ? true : undefined))
    // A clean stop: the data directory's lock is released and PostgreSQL left no pid file.
    expect(fs.existsSync(path.join(dataDir, 'pgdata', 'postmaster.pid'))).toBe(false)
  }, 180_000)
})

describe.runIf(process.platform === 'linux')('a closed terminal', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-sighup-'))
  afterAll(() => {
    for (const line of processesUsing([dataDir])) process.kill(Number(line.split(' ')[0]), 'SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  test('SIGHUP stops the runtime cleanly, PostgreSQL with it (Node would otherwise just die)', async () => {
    const run = runCli(['--data-dir', dataDir, '--port', '0'])
    await run.ready
    const postmaster = postmasterPid(dataDir)!
    run.child.kill('SIGHUP')
    expect(await run.exited).toEqual({ code: 0, signal: null })
    expect(alive(postmaster)).toBe(false)
  }, 180_000)
})
