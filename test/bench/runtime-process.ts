// test/bench/runtime-process.ts — a runtime started as its own process (the bundled CLI): waits for its READY line
// and gives back the JSON it carries and a stop that waits for the exit. Shared by the REST and functions benches.
import type { ChildProcessWithoutNullStreams, ChildProcessByStdio } from 'node:child_process'
import type { Readable } from 'node:stream'

type Child = ChildProcessWithoutNullStreams | ChildProcessByStdio<null, Readable, Readable>

export function stopProcess(child: { exitCode: number | null; once(e: 'exit', f: () => void): unknown; kill(s: NodeJS.Signals): unknown }): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null) return r()
    child.once('exit', () => r())
    child.kill('SIGTERM')
  })
}

export function whenReady<T>(child: Child): Promise<{ info: T; stop: () => Promise<void>; pid: number }> {
  let out = ''
  let err = ''
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const line = out.split('\n').find((l) => l.startsWith('READY '))
      if (line) resolve({ info: JSON.parse(line.slice(6)) as T, pid: child.pid ?? 0, stop: () => stopProcess(child) })
    })
    child.once('exit', (code) => reject(new Error(`runtime exited (${code}) before READY: ${err.trim()}`)))
  })
}
