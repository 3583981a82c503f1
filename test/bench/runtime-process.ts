// test/bench/runtime-process.ts — a runtime started as its own process (the bundled CLI): waits for its READY line
// and gives back the JSON it carries and a stop that waits for the exit. Shared by the REST and functions benches.
import { spawn, type ChildProcessWithoutNullStreams, type ChildProcessByStdio } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { newestMtime } from './newest-mtime.js'
import { allPids, procStat } from './proc-stat.js'

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

/**
 * The runtime in its own process, as `npm run serve` runs it: the bundled CLI (`npm run build:server`), or the
 * sources through tsx when there is no bundle (or BENCH_RUNTIME=source). BENCH_NODE_FLAGS adds flags to its node
 * (e.g. --perf-basic-prof); BENCH_PROFILE=DIR writes a V8 CPU profile there.
 */
export function startRuntimeProcess<T>(bench: string, dataDir: string, extraArgs: string[] = []): Promise<{ info: T; stop: () => Promise<void>; pid: number }> {
  const built = path.resolve('out/server/cli.js')
  const useBuilt = fs.existsSync(built) && process.env.BENCH_RUNTIME !== 'source'
  if (useBuilt && fs.statSync(built).mtimeMs < newestMtime(path.resolve('electron/server'))) {
    console.log(`${bench} bench: note — out/server/cli.js is older than the sources; \`npm run build:server\` rebuilds it`)
  }
  const [cmd, args] = useBuilt
    ? [process.execPath, [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), built]]
    : [path.resolve('node_modules/.bin/tsx'), [path.resolve('electron/server/cli.ts')]]
  return whenReady<T>(spawn(cmd, [...args, '--quiet', '--data-dir', dataDir, '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] }))
}

/** Resident memory of a process in bytes (/proc/<pid>/status VmRSS), 0 once it has exited. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/** RSS of the runtime's Node process(es): `pid` and its descendants, PostgreSQL's processes left out (tsx runs the
 * sources in a child of the pid it was started as). */
export function runtimeRss(pid: number): number {
  const parents = new Map<number, number>()
  const names = new Map<number, string>()
  for (const p of allPids()) {
    const st = procStat(p)
    if (st) {
      parents.set(p, st.ppid)
      names.set(p, st.name)
    }
  }
  const inTree = (p: number): boolean => {
    for (let q: number | undefined = p, hops = 0; q && hops < 20; q = parents.get(q), hops++) if (q === pid) return true
    return false
  }
  let total = 0
  for (const p of parents.keys()) if (names.get(p) !== 'postgres' && inTree(p)) total += rssOf(p)
  return total
}
