// test/bench/logs-search.ts — the search half of `npm run bench -- logs`: 100,000 stored entries on disk, then the
// log viewer's searches (full text, request id, category + status, regex) timed over repeated runs. Baseline in the
// same process: reading and splitting the same files without parsing or filtering.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createLogBus } from '../../electron/server/logs/log-bus.js'
import { logFiles, queryLogs } from '../../electron/server/logs/log-store.js'
import { parseLogQuery } from '../../electron/server/logs/log-filter.js'
import { median, percentile, fmt } from './stats.js'

export async function benchLogSearch(entries = 100_000, runs = 15): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-logbench-'))
  // Large enough files that nothing rotates away: the search must cover all 100,000 entries.
  const bus = createLogBus({ dir, ringSize: 5000, maxFileBytes: 64 * 1024 * 1024, keepFiles: 5 })
  const paths = ['/api/v1/tables/posts', '/api/v1/auth/signin', '/api/v1/rpc/default/stats', '/api/v1/storage/avatars/a.png']
  for (let i = 0; i < entries; i++) {
    const p = paths[i % paths.length]
    const status = i % 97 === 0 ? 500 : i % 13 === 0 ? 404 : 200
    bus.log({
      category: i % 10 === 0 ? 'postgres' : 'http',
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      message: `GET ${p} → ${status} (${i % 50}ms)`,
      request_id: `req-${i.toString(16)}`,
      component: 'http',
      fields: { method: 'GET', path: p, status_code: status, duration_ms: i % 50, user_agent: 'bench' },
    })
  }
  bus.flush()
  const bytes = logFiles(bus).reduce((s, f) => s + fs.statSync(f).size, 0)

  const searches: Array<[string, string]> = [
    ['full text "rpc/default"', 'search=rpc/default&limit=100'],
    ['request id', `request_id=req-${(77_777).toString(16)}`],
    ['category+status 5xx', 'category=http&status=5xx&limit=100'],
    ['regex', `regex=${encodeURIComponent('signin → 4\\d\\d')}&limit=100`],
    ['no filter, newest 100', 'limit=100'],
  ]
  const baseline: number[] = []
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    let lines = 0
    for (const f of logFiles(bus)) lines += fs.readFileSync(f, 'utf8').split('\n').length
    baseline.push(performance.now() - t0)
    if (lines < entries) throw new Error(`only ${lines} lines stored`)
  }
  console.log(`logs search over ${entries.toLocaleString('en')} stored entries (${fmt(bytes / 1048576, 1)} MB on disk), ${runs} runs each`)
  console.log(`logs baseline read+split      median ${fmt(median(baseline))} ms`)
  for (const [name, qs] of searches) {
    const { filter, page } = parseLogQuery(Object.fromEntries(new URLSearchParams(qs)))
    const times: number[] = []
    let total = 0
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now()
      total = queryLogs(bus, filter, page).total_count
      times.push(performance.now() - t0)
    }
    const m = median(times)
    console.log(`logs search ${name.padEnd(24)} median ${fmt(m)} ms  p90 ${fmt(percentile(times, 90))} ms  matches ${total}  ratio to baseline ${fmt(m / median(baseline))}  target ≤ 200 ms: ${m <= 200 ? 'met' : 'MISSED'}`)
  }
  await bus.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
