// test/bench/wrk-load.ts — the REST bench's load generator when `wrk` is installed (apt-get install wrk): the
// standard C generator, which costs the two shared cores a fraction of what a Node client does. It replays a set of
// requests prepared by the bench (each with its own user's token) over N keep-alive connections for a fixed time,
// and reports requests, non-2xx answers and latency percentiles as wrk measured them.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { requestBytes } from './rest-load.js'

export interface PreparedRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

export interface WrkResult {
  requests: number
  seconds: number
  /** Answers outside 2xx/3xx, and socket errors or timeouts. */
  errors: number
  p50: number
  p99: number
  /** Requests answered including the warm-up (for CPU per request). */
  allRequests: number
  /** wrk's own CPU time, warm-up included. */
  cpuSeconds: number
}

export function wrkAvailable(): boolean {
  if (process.env.BENCH_GENERATOR === 'node') return false
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined
}

// Reads the requests (each as "<bytes>\n<raw request>") once per thread, then hands them out in turn; prints the
// figures on one line for the bench to parse (wrk's latencies are in microseconds).
const SCRIPT = `
local reqs = {}
local next_req = 0
function init(args)
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  local pos = 1
  while pos <= #data do
    local nl = string.find(data, "\\n", pos, true)
    local len = tonumber(string.sub(data, pos, nl - 1))
    reqs[#reqs + 1] = string.sub(data, nl + 1, nl + len)
    pos = nl + len + 1
  end
end
function request()
  next_req = next_req % #reqs + 1
  return reqs[next_req]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %.1f %.1f\\n", summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`

function runWrk(url: URL, concurrency: number, seconds: number, script: string, requestsFile: string): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    // Through a shell that prints its children's CPU time (/proc/<shell>/stat cutime, cstime) once wrk has exited.
    const args = ['-t1', `-c${concurrency}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, url.origin, '--', requestsFile]
    const child = spawn('/bin/sh', ['-c', 'wrk "$@"; echo "CPU $(cut -d")" -f2 /proc/$$/stat)"', 'sh', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    child.once('error', reject)
    child.once('exit', () => {
      const m = /^WRK (\d+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)$/m.exec(out)
      if (!m) return reject(new Error(`wrk gave no figures: ${out.trim().slice(0, 500)}`))
      const [requests, micros, status, socket, p50, p99] = m.slice(1).map(Number)
      // After ") ": state is field 0, so cutime and cstime (clock ticks of waited-for children) are 13 and 14.
      const stat = /^CPU (.*)$/m.exec(out)?.[1].trim().split(' ') ?? []
      const cpuSeconds = (Number(stat[13] ?? 0) + Number(stat[14] ?? 0)) / 100
      resolve({ requests, seconds: micros / 1e6, errors: status + socket, p50: p50 / 1000, p99: p99 / 1000, allRequests: requests, cpuSeconds })
    })
  })
}

/** A warm-up of `warmup` seconds (not reported), then `seconds` measured, with the same requests. */
export async function runWrkLoad(url: URL, concurrency: number, seconds: number, warmup: number, requests: PreparedRequest[]): Promise<WrkResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-bench-wrk-'))
  try {
    const script = path.join(dir, 'replay.lua')
    const requestsFile = path.join(dir, 'requests.txt')
    fs.writeFileSync(script, SCRIPT)
    // Each as "<bytes>\n<raw request>", for the script's init() to cut apart.
    const raw = requests.map((r) => requestBytes(r.method, r.path, url.host, r.headers, r.body))
    fs.writeFileSync(requestsFile, Buffer.concat(raw.flatMap((r) => [Buffer.from(`${r.length}\n`), r])))
    const warm = warmup > 0 ? await runWrk(url, concurrency, Math.max(1, Math.round(warmup)), script, requestsFile) : undefined
    const measured = await runWrk(url, concurrency, seconds, script, requestsFile)
    return { ...measured, allRequests: measured.requests + (warm?.requests ?? 0), cpuSeconds: measured.cpuSeconds + (warm?.cpuSeconds ?? 0) }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
