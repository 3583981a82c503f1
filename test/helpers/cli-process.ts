// test/helpers/cli-process.ts — runs the headless CLI (out/server/cli.js, built by `npm run build:server`) as a
// child process, as a user would, and waits for its READY line or its exit.
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import path from 'node:path'
import fs from 'node:fs'
import { promisify } from 'node:util'
import { parseReadyLine, type RuntimeReady } from '../../contract/runtime-ready.js'

export const CLI = path.resolve('out/server/cli.js')

export type ReadyInfo = RuntimeReady

export interface CliRun {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** Resolves with the READY info, or rejects with the exit code and stderr when the process exits first. */
  ready: Promise<ReadyInfo>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export function runCli(args: string[], options: SpawnOptions = {}): CliRun {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:server`)
  const child = spawn(process.execPath, [CLI, '--quiet', '--exit-with-parent', ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...options })
  let out = ''
  let err = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  const ready = new Promise<ReadyInfo>((resolve, reject) => {
    child.stdout!.on('data', () => {
      for (const line of out.split('\n')) {
        const ready = parseReadyLine(line)
        if (ready) return resolve(ready)
      }
    })
    void exited.then(({ code, signal }) => reject(new Error(`exited before READY (code ${code}, signal ${signal}): ${err.trim()}`)))
  })
  ready.catch(() => undefined)
  return { child, stdout: () => out, stderr: () => err, ready, exited }
}

/** Runs a one-shot command of the CLI (`types`, `test`, …) to its end: its exit code and output. */
export async function runCliCommand(args: string[], options: { cwd?: string; timeout?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:server`)
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { timeout: options.timeout ?? 90_000, cwd: options.cwd })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
