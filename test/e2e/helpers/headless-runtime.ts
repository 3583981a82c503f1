// test/e2e/helpers/headless-runtime.ts — runs the headless runtime the way a user does
// (`node out/server/cli.js --data-dir DIR --port PORT`), waits for its one `READY {json}` line and
// hands back that info plus a stop() that sends SIGTERM and waits for a clean exit.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { parseReadyLine, type RuntimeReady } from '../../../contract/runtime-ready'

// FLUXBASE_STUDIO_CLI runs the same tests against another build of the CLI (e.g. a packaged one).
export const CLI_PATH = path.resolve(process.env.FLUXBASE_STUDIO_CLI ?? 'out/server/cli.js')

const READY_TIMEOUT_MS = 90_000
const STOP_TIMEOUT_MS = 20_000

export interface HeadlessRuntimeOptions {
  /** Reuse a data directory (e.g. to restart a runtime); by default a temporary one, deleted on stop. */
  dataDir?: string
  /** 0 (the default) lets the runtime pick a free port. */
  port?: number
  /** More command-line flags, e.g. ['--database-url', url]. */
  args?: string[]
}

export interface HeadlessRuntime {
  ready: RuntimeReady
  /** Everything the runtime wrote to stderr so far, for failure messages. */
  stderr(): string
  /** SIGTERM, then wait for exit; resolves with the exit code. Deletes a temporary data directory. */
  stop(options?: { keepDataDir?: boolean }): Promise<number | null>
}

export async function startHeadlessRuntime(options: HeadlessRuntimeOptions = {}): Promise<HeadlessRuntime> {
  if (!fs.existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build:server\` first`)
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-data-'))
  const child = spawn(process.execPath, [CLI_PATH, '--quiet', '--data-dir', dataDir, '--port', String(options.port ?? 0), ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const ready = await new Promise<RuntimeReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no READY line within ${READY_TIMEOUT_MS / 1000} s; stderr:\n${stderr}`))
    }, READY_TIMEOUT_MS)
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const info = parseReadyLine(line)
      if (!info) return
      clearTimeout(timer)
      resolve(info)
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the runtime exited with code ${code} before READY; stderr:\n${stderr}`))
    })
  }).catch(async (error: unknown) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
      await stopOrphanedPostgres(dataDir)
    }
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    throw error
  })

  let stopping: Promise<number | null> | undefined
  return {
    ready,
    stderr: () => stderr,
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref())
        const result = await Promise.race([exited, timeout])
        if (result === 'timeout') {
          child.kill('SIGKILL')
          await exited
          // A killed runtime cannot stop its PostgreSQL: do it here, or it outlives the test run.
          await stopOrphanedPostgres(dataDir)
        }
        const code = await exited
        if (ownsDataDir && !stopOptions.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
        if (result === 'timeout') {
          throw new Error(`the runtime did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; stderr:\n${stderr}`)
        }
        return code
      })()
      return stopping
    },
  }
}

/** Fast shutdown (SIGINT) of the postmaster recorded in DIR/pgdata/postmaster.pid, if it still runs. */
async function stopOrphanedPostgres(dataDir: string): Promise<void> {
  let pid: number
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    return
  }
  if (!Number.isInteger(pid) || pid <= 1) return
  const alive = (): boolean => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
  if (!alive()) return
  process.kill(pid, 'SIGINT')
  for (let waited = 0; waited < 5_000 && alive(); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100))
  if (alive()) process.kill(pid, 'SIGKILL')
}
