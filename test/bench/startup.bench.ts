// test/bench/startup.bench.ts — `npm run bench -- startup`: cold start (empty data dir → READY), warm start,
// stop time and idle memory of the runtime plus all PostgreSQL processes, over 5 runs each (medians and spread).
// Cold start is measured three ways: as after `npm install` (its postinstall, scripts/prepare-pg-template.mjs,
// made the cluster template and its spare copy: the start renames the spare into place), with the template but no
// spare (a second new data directory before the background refill finished: the start copies the template), and
// with no template at all (install step skipped: the start runs initdb). Baseline in the same process: the bare
// PostgreSQL work (initdb + postgres until it accepts connections).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { runCli } from '../helpers/cli-process.js'
import { median, spread, fmt } from './stats.js'
import { allPids, procStat } from './proc-stat.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const TARGETS = { cold: 2.0, warm: 0.7, stop: 1.0, memoryMb: 150 }

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-bench-'))
}

function descendants(pid: number): number[] {
  const parent = new Map<number, number>()
  for (const p of allPids()) {
    const stat = procStat(p) // undefined: exited meanwhile
    if (stat) parent.set(p, stat.ppid)
  }
  const out: number[] = []
  const walk = (root: number) => {
    for (const [p, pp] of parent) if (pp === root) {
      out.push(p)
      walk(p)
    }
  }
  walk(pid)
  return out
}

/** kB of resident memory: RSS counts shared buffers once per process; PSS divides shared pages fairly. */
function memoryOf(pid: number): { rss: number; pss: number } {
  try {
    const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const get = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0)
    return { rss: get('Rss'), pss: get('Pss') }
  } catch {
    return { rss: 0, pss: 0 }
  }
}

async function startOnce(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
  const t0 = performance.now()
  const run = runCli(['--data-dir', dataDir, '--port', '0'], { env })
  const info = await run.ready
  const ready = (performance.now() - t0) / 1000
  return { run, info, ready }
}

/** `npm install`'s postinstall step, into its own cache folder: the template the next cold start copies. */
function installStep(cache: string): number {
  const t0 = performance.now()
  const res = spawnSync(process.execPath, ['scripts/prepare-pg-template.mjs'], { env: { ...process.env, FLUXBASE_PG_TEMPLATE_CACHE: cache }, encoding: 'utf8' })
  if (res.status !== 0 || !/template made/.test(res.stdout)) throw new Error(`install step failed: ${res.stdout.trim()} ${res.stderr.trim()}`)
  return (performance.now() - t0) / 1000
}

async function stopOnce(run: ReturnType<typeof runCli>): Promise<number> {
  const t0 = performance.now()
  run.child.kill('SIGTERM')
  await run.exited
  return (performance.now() - t0) / 1000
}

async function baselineOnce(): Promise<number> {
  // The same binaries the runtime uses, as the same user (PostgreSQL refuses root).
  const { postgresOsUser } = await import('../../electron/server/postgres/os-user.js')
  const { locateBinaries } = await import('../../electron/server/postgres/binaries.js')
  const { freePort } = await import('../../electron/server/postgres/free-port.js')
  const user = postgresOsUser()
  const probeCache = tmp()
  // Where the binaries are probed (and copied, as root, when the PostgreSQL user cannot reach node_modules).
  const bins = await locateBinaries(user, path.join(probeCache, '.pg'))
  const dir = tmp()
  fs.chmodSync(dir, 0o755)
  const pgdata = path.join(dir, 'pgdata')
  fs.mkdirSync(pgdata, { mode: 0o700 })
  if (user) fs.chownSync(pgdata, user.uid, user.gid)
  const ids = user ? { uid: user.uid, gid: user.gid } : {}
  const t0 = performance.now()
  const init = spawnSync(bins.initdb, ['-D', pgdata, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions'], { ...ids, stdio: 'ignore' })
  if (init.status !== 0) throw new Error('baseline initdb failed')
  const port = await freePort()
  const pg = spawn(bins.postgres, ['-D', pgdata, '-c', `port=${port}`, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], { ...ids, stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve) => {
    let buf = ''
    pg.stderr!.on('data', (c: Buffer) => {
      buf += c.toString()
      if (buf.includes('ready to accept connections')) resolve()
    })
  })
  const secs = (performance.now() - t0) / 1000
  pg.kill('SIGINT')
  await new Promise((r) => pg.once('exit', r))
  fs.rmSync(dir, { recursive: true, force: true })
  fs.rmSync(probeCache, { recursive: true, force: true })
  return secs
}

/** The cache's template folder (one per PostgreSQL version and format; the bench's caches hold exactly one). */
function templateIn(cache: string): string {
  const name = fs.readdirSync(cache).find((n) => n.startsWith('template-pg') && !n.includes('.tmp-'))
  if (!name) throw new Error(`no template in ${cache}`)
  return path.join(cache, name)
}

/** Waits for the detached helper that refills the template's spare (cluster-spare.ts) to finish. */
async function refillDone(cache: string): Promise<void> {
  const lock = path.join(templateIn(cache), 'spare.lock')
  const until = Date.now() + 60_000
  // The helper starts a few seconds after the start that took the spare, then copies for a second or two.
  await new Promise((r) => setTimeout(r, 3500))
  while (fs.existsSync(lock) && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
}

async function main(): Promise<void> {
  if (!fs.existsSync('out/server/cli.js')) throw new Error('run npm run build:server first')
  const coldNoCache: number[] = []
  const cold: number[] = []
  const coldCopy: number[] = []
  const warm: number[] = []
  const stops: number[] = []
  const rssMb: number[] = []
  const pssMb: number[] = []
  const baseline: number[] = []
  const install: number[] = []
  // Each phase writes whole clusters (tens of MB): let the kernel write them back before the next phase is timed,
  // or it pays for the previous one's writeback (a user's first start does not follow npm install by milliseconds).
  const settle = async () => {
    spawnSync('sync')
    await new Promise((r) => setTimeout(r, 500))
  }
  for (let i = 0; i < RUNS; i++) {
    await settle()
    baseline.push(await baselineOnce())
    await settle()
    // No template at all (the install step was skipped, e.g. --ignore-scripts): the first start runs initdb.
    const emptyCache = tmp()
    const fresh = await startOnce(tmp(), { ...process.env, FLUXBASE_PG_TEMPLATE_CACHE: emptyCache })
    coldNoCache.push(fresh.ready)
    await stopOnce(fresh.run)
    fs.rmSync(fresh.info.dataDir, { recursive: true, force: true })
    fs.rmSync(emptyCache, { recursive: true, force: true })
    // As after `npm install`: its postinstall made the template and its spare in a cache of its own; the first
    // start takes the spare.
    const cache = tmp()
    install.push(installStep(cache))
    const env = { ...process.env, FLUXBASE_PG_TEMPLATE_CACHE: cache }
    const dir = tmp()
    await settle()
    if (!fs.existsSync(path.join(templateIn(cache), 'spare-pgdata', 'PG_VERSION'))) throw new Error('the install step made no spare')
    const first = await startOnce(dir, env)
    cold.push(first.ready)
    stops.push(await stopOnce(first.run))
    const second = await startOnce(dir, env)
    warm.push(second.ready)
    await new Promise((r) => setTimeout(r, 2000)) // idle
    const pids = [second.info.pid, ...descendants(second.info.pid)]
    const mem = pids.map(memoryOf)
    rssMb.push(mem.reduce((s, m) => s + m.rss, 0) / 1024)
    pssMb.push(mem.reduce((s, m) => s + m.pss, 0) / 1024)
    stops.push(await stopOnce(second.run))
    fs.rmSync(dir, { recursive: true, force: true })
    // A new data directory with the template but no spare (taken, refill not done): the start copies the template.
    await refillDone(cache)
    fs.rmSync(path.join(templateIn(cache), 'spare-pgdata'), { recursive: true, force: true })
    await settle()
    const copied = await startOnce(tmp(), env)
    coldCopy.push(copied.ready)
    await stopOnce(copied.run)
    await refillDone(cache)
    fs.rmSync(copied.info.dataDir, { recursive: true, force: true })
    fs.rmSync(cache, { recursive: true, force: true })
  }
  const line = (name: string, values: number[], unit: string, target?: number) => {
    const { min, max } = spread(values)
    const m = median(values)
    const verdict = target === undefined ? '' : m <= target ? `  target ≤ ${target}${unit}: met` : `  target ≤ ${target}${unit}: MISSED`
    console.log(`startup ${name.padEnd(48)} median ${fmt(m)}${unit}  spread ${fmt(min)}–${fmt(max)}${unit}  (n=${values.length})${verdict}`)
  }
  console.log(`# npm run bench -- startup  (${os.cpus().length} cores, ${process.getuid?.() === 0 ? 'as root' : 'as a user'})`)
  line('baseline initdb+start', baseline, ' s')
  line('install step (postinstall template)', install, ' s')
  line('cold → READY, install-time template (spare)', cold, ' s', TARGETS.cold)
  line('cold → READY, template copied (no spare)', coldCopy, ' s', TARGETS.cold)
  line('cold → READY, no template (install step skipped)', coldNoCache, ' s', TARGETS.cold)
  line('warm start → READY', warm, ' s', TARGETS.warm)
  line('stop (SIGTERM → exit)', stops, ' s', TARGETS.stop)
  line('idle memory (PSS)', pssMb, ' MB', TARGETS.memoryMb)
  line('idle memory (RSS sum)', rssMb, ' MB')
  console.log(`startup cold/baseline ratio        ${fmt(median(cold) / median(baseline))}  (cold start from the install-time template's spare, over bare initdb + postgres start)`)
  console.log(`startup copy/baseline ratio        ${fmt(median(coldCopy) / median(baseline))}  (cold start copying the template, over bare initdb + postgres start)`)
  console.log(`startup no-template/baseline ratio ${fmt(median(coldNoCache) / median(baseline))}  (cold start with initdb, install step skipped, over bare initdb + postgres start)`)
}

await main()
