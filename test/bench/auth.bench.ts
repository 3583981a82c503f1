// test/bench/auth.bench.ts — `npm run bench -- auth` (or `npx tsx test/bench/auth.bench.ts`): sign-in latency and
// throughput, and what token verification costs each API request. Medians (and spread) over repeated rounds.
// Baselines in the same process: one bare argon2id verification (the floor of any sign-in), bare jose verification
// of an HS256 token (what every request would pay without the verified-token memo), and GET /health over HTTP.
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { jwtVerify } from 'jose'
import type { FastifyRequest } from 'fastify'
import { hashPassword, verifyPassword } from '../../electron/server/auth/passwords.js'
import { startTestRuntime } from '../helpers/runtime.js'
import { fmt, median, percentile, spread } from './stats.js'

const ROUNDS = Number(process.env.BENCH_RUNS ?? 5)
const PASSWORD = 'correct horse battery staple'
const VERIFY_TARGET_MS = 0.1

function line(name: string, values: number[], unit: string, extra = '') {
  const { min, max } = spread(values)
  console.log(`auth ${name.padEnd(34)} median ${fmt(median(values), 3)}${unit}  spread ${fmt(min, 3)}–${fmt(max, 3)}${unit}  (n=${values.length})${extra}`)
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn(i)
    out.push(performance.now() - t0)
  }
  return out
}

/** Per-call cost in ms of `fn`, measured over batches (one number per batch: timer resolution hides single calls). */
async function perCall(batches: number, size: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = []
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now()
    for (let i = 0; i < size; i++) await fn()
    out.push((performance.now() - t0) / size)
  }
  return out
}

async function main() {
  const rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0, lockoutMaxAttempts: 0 } })
  try {
    const post = (path: string, body: unknown, token = rt.info.anonKey) =>
      fetch(rt.info.apiUrl + path, { method: 'POST', headers: { 'Content-Type': 'application/json', apikey: rt.info.anonKey, Authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
    const users = 8
    for (let i = 0; i < users; i++) {
      const r = await post('/api/v1/auth/signup', { email: `bench${i}@example.com`, password: PASSWORD })
      if (r.status !== 201) throw new Error(`sign-up failed: ${r.status}`)
    }
    const signIn = async (i: number) => {
      const r = await post('/api/v1/auth/signin', { email: `bench${i % users}@example.com`, password: PASSWORD })
      if (r.status !== 200) throw new Error(`sign-in failed: ${r.status}`)
      return (await r.json()) as { access_token: string }
    }
    const hash = await hashPassword(PASSWORD)

    const argon: number[] = []
    const latency: number[] = []
    const p95: number[] = []
    const throughput: number[] = []
    const concurrency = Math.max(2, os.cpus().length * 2)
    for (let round = 0; round < ROUNDS; round++) {
      argon.push(median(await timeEach(10, () => verifyPassword(hash, PASSWORD))))
      const lat = await timeEach(20, (i) => signIn(i))
      latency.push(median(lat))
      p95.push(percentile(lat, 95))
      const total = 40
      let next = 0
      const t0 = performance.now()
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < total) await signIn(next++)
      }))
      throughput.push(total / ((performance.now() - t0) / 1000))
    }

    const session = await signIn(0)
    const token = session.access_token
    const request = { headers: { authorization: `Bearer ${token}` }, query: {} } as unknown as FastifyRequest
    await rt.ctx.identify(request) // warm: first sight of the token and of its session
    const identify = await perCall(ROUNDS * 4, 20_000, () => rt.ctx.identify(request))
    const identifyToken = await perCall(ROUNDS * 4, 20_000, () => rt.ctx.identifyToken(token))
    const serviceKey = await perCall(ROUNDS * 4, 20_000, () => rt.ctx.identifyToken(rt.info.serviceRoleKey))

    // First sight of a token: jose's HMAC through WebCrypto, then the memo. Each fresh sign-in gives a new token.
    const fresh: string[] = []
    for (let i = 0; i < 60; i++) fresh.push((await signIn(i)).access_token)
    const cold = await timeEach(fresh.length, (i) => rt.ctx.identifyToken(fresh[i]))
    const raw = new TextEncoder().encode(rt.info.jwtSecret)
    const bareJose = await perCall(ROUNDS * 2, 300, () => jwtVerify(token, raw, { algorithms: ['HS256'] }))

    const get = (path: string) => fetch(rt.info.apiUrl + path, { headers: { Authorization: `Bearer ${token}`, apikey: rt.info.anonKey } }).then((r) => r.arrayBuffer())
    const health: number[] = []
    const user: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      health.push(median(await timeEach(50, () => get('/health'))))
      user.push(median(await timeEach(50, () => get('/api/v1/auth/user'))))
    }

    const verifyMs = median(identify)
    console.log(`# npm run bench -- auth  (${os.cpus().length} cores, ${ROUNDS} rounds, sign-in concurrency ${concurrency})`)
    line('baseline argon2id verify', argon, ' ms')
    line('sign-in latency (HTTP)', latency, ' ms', `  p95 median ${fmt(median(p95), 1)} ms`)
    line('sign-in throughput', throughput, ' /s')
    line('baseline bare jose verify', bareJose.map((v) => v * 1000), ' µs')
    line('verify per request: identify()', identify.map((v) => v * 1000), ' µs', `  target < ${VERIFY_TARGET_MS * 1000} µs: ${verifyMs < VERIFY_TARGET_MS ? 'met' : 'MISSED'}`)
    line('verify per request: identifyToken', identifyToken.map((v) => v * 1000), ' µs')
    line('verify service key', serviceKey.map((v) => v * 1000), ' µs')
    line('verify first sight of a token', cold.map((v) => v * 1000), ' µs', '  (once per token: jose + session lookup)')
    line('baseline GET /health', health, ' ms')
    line('GET /auth/user', user, ' ms')
    console.log(`auth sign-in/argon2 ratio            ${fmt(median(latency) / median(argon))}  (HTTP sign-in over one bare argon2id verification)`)
    console.log(`auth jose/verify-per-request ratio   ${fmt(median(bareJose) / verifyMs, 0)}  (bare jose verification over what a request pays)`)
  } finally {
    await rt.stop()
  }
}

await main()
