// test/bench/realtime-workers.ts — the realtime bench's load, on threads of its own so it does not share the
// runtime's event loop: a subscriber pool (real `ws` sockets measuring insert-to-client latency with the monotonic
// clock all threads share) and an inserter (pg, a fixed rate of single-row INSERTs). Plain JS, run as eval workers.
import { Worker } from 'node:worker_threads'

const SUBSCRIBERS = `
const { parentPort } = require('node:worker_threads')
const WebSocket = require('ws')
let sockets = []
let latencies = []
let received = []
let times = []
parentPort.on('message', async (msg) => {
  if (msg.cmd === 'connect') {
    sockets = await Promise.all(msg.subs.map((s, i) => new Promise((resolve, reject) => {
      const ws = new WebSocket(msg.url + '/realtime?token=' + encodeURIComponent(s.token))
      received[i] = []
      times[i] = []
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'subscribe', channel: 'bench', config: { event: 'INSERT', schema: 'public', table: msg.table } }))
      })
      ws.on('message', (data) => {
        const f = JSON.parse(data.toString())
        if (f.type === 'ack') return resolve(ws)
        if (f.type === 'error') return reject(new Error(f.error))
        if (f.type !== 'postgres_changes') return
        const now = process.hrtime.bigint()
        const r = f.payload.record
        latencies.push(Number(now - BigInt(String(r.sent_ns))) / 1e6)
        received[i].push(r.id)
        times[i].push(Number(now))
      })
      ws.on('error', reject)
    })))
    parentPort.postMessage({ ok: true })
  } else if (msg.cmd === 'report') {
    parentPort.postMessage({ latencies, received, times })
    latencies = []
    received = received.map(() => [])
    times = times.map(() => [])
  } else if (msg.cmd === 'close') {
    for (const ws of sockets) ws.close()
    parentPort.postMessage({ ok: true })
  }
})
`

const INSERTER = `
const { parentPort } = require('node:worker_threads')
const pg = require('pg')
parentPort.on('message', async (msg) => {
  const pool = new pg.Pool({ connectionString: msg.connectionString, max: msg.connections })
  const rows = []
  const roundTrips = []
  let issued = 0
  let inFlight = 0
  let failed = 0
  const t0 = process.hrtime.bigint()
  const total = Math.round(msg.rate * msg.seconds)
  await new Promise((done) => {
    const tick = () => {
      const elapsed = Number(process.hrtime.bigint() - t0) / 1e9
      const due = Math.min(total, Math.floor(elapsed * msg.rate))
      while (issued < due && inFlight < msg.maxInFlight) {
        const owner = msg.owners[issued % msg.owners.length]
        issued++
        inFlight++
        const sent = process.hrtime.bigint()
        pool.query('INSERT INTO public.' + msg.table + ' (owner, sent_ns) VALUES ($1, $2) RETURNING id', [owner, sent.toString()]).then(
          (r) => { rows.push([r.rows[0].id, owner]); roundTrips.push(Number(process.hrtime.bigint() - sent) / 1e6) },
          () => { failed++ },
        ).finally(() => { inFlight-- })
      }
      if (issued >= total && inFlight === 0) return done()
      setTimeout(tick, 1)
    }
    tick()
  })
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  await pool.end()
  parentPort.postMessage({ rows, roundTrips, failed, seconds })
})
`

function call<T>(worker: Worker, msg: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.postMessage(msg)
  })
}

export interface SubscriberPool {
  /** Latencies (ms), and per socket the ids received with their receipt times (monotonic ns). */
  report(): Promise<{ latencies: number[]; received: number[][]; times: number[][] }>
  close(): Promise<void>
}

export async function startSubscribers(apiUrl: string, table: string, tokens: string[]): Promise<SubscriberPool> {
  const worker = new Worker(SUBSCRIBERS, { eval: true })
  await call(worker, { cmd: 'connect', url: apiUrl.replace(/^http/, 'ws'), table, subs: tokens.map((token) => ({ token })) })
  return {
    report: () => call(worker, { cmd: 'report' }),
    async close() {
      await call(worker, { cmd: 'close' })
      await worker.terminate()
    },
  }
}

export interface InsertResult {
  rows: [number, string][]
  roundTrips: number[]
  failed: number
  seconds: number
}

export async function insertAtRate(connectionString: string, table: string, rate: number, seconds: number, owners: string[]): Promise<InsertResult> {
  const worker = new Worker(INSERTER, { eval: true })
  try {
    return await call<InsertResult>(worker, { connectionString, table, rate, seconds, owners, connections: 8, maxInFlight: 64 })
  } finally {
    await worker.terminate()
  }
}
