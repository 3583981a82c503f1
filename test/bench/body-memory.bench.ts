// test/bench/body-memory.bench.ts — `npm run bench -- body-memory [--mb N]`: the runtime's peak memory for one large
// JSON insert (issue 24: a 60 MB insert pushed RSS to 700 MB). The runtime runs in its own process; its RSS is
// sampled every 10 ms from /proc while a service-role POST of N MB (default 60) of rows goes in. Printed: RSS before,
// peak, the peak's growth as a multiple of the body's size, and RSS once the insert is answered. Two rounds.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { runtimeRss, startRuntimeProcess } from './runtime-process.js'

interface Ready { apiUrl: string; serviceRoleKey: string; databaseUrl: string }

const mbFlag = process.argv.indexOf('--mb')
const MB = mbFlag > 0 ? Number(process.argv[mbFlag + 1]) : 60
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`

function rowsOf(bytes: number): string {
  const row = (i: number) => JSON.stringify({ title: `row ${i}`, body: 'lorem ipsum dolor sit amet '.repeat(8), score: i % 100 })
  const parts: string[] = []
  let size = 2
  for (let i = 0; size < bytes; i++) {
    const r = row(i)
    parts.push(r)
    size += r.length + 1
  }
  return `[${parts.join(',')}]`
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-bench-body-'))
  const rt = await startRuntimeProcess<Ready>('body-memory', dataDir, ['--max-body-bytes', String((MB + 8) * 1024 * 1024)])
  const admin = new pg.Pool({ connectionString: rt.info.databaseUrl, max: 1 })
  try {
    await admin.query('CREATE TABLE bulk (id bigserial PRIMARY KEY, title text, body text, score int); GRANT ALL ON bulk TO service_role; GRANT ALL ON SEQUENCE bulk_id_seq TO service_role')
    const body = rowsOf(MB * 1024 * 1024)
    console.log(`body-memory: one POST of ${mib(body.length)} (${body.length} bytes) of JSON rows, service role, Prefer: return=minimal`)
    for (let round = 1; round <= 2; round++) {
      await new Promise((r) => setTimeout(r, 2000))
      const before = runtimeRss(rt.pid)
      let peak = before
      const sampler = setInterval(() => (peak = Math.max(peak, runtimeRss(rt.pid))), 10)
      const started = Date.now()
      const res = await fetch(`${rt.info.apiUrl}/api/v1/tables/bulk`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${rt.info.serviceRoleKey}`, 'Content-Type': 'application/json', Prefer: 'return=minimal' },
        body,
      })
      await res.arrayBuffer()
      clearInterval(sampler)
      const after = runtimeRss(rt.pid)
      console.log(`round ${round}: status ${res.status} in ${Date.now() - started} ms; RSS before ${mib(before)}, peak ${mib(peak)} (+${mib(peak - before)} = ${((peak - before) / body.length).toFixed(1)} × the body), after ${mib(after)}`)
    }
  } finally {
    await admin.end()
    await rt.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
