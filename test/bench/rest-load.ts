// test/bench/rest-load.ts — the REST bench's load generator: N workers issuing requests back to back for a fixed
// time, each over its own keep-alive connection (a minimal HTTP/1.1 client on net.Socket, so the generator costs
// as little CPU as possible on the cores it shares with the server), latencies recorded per request.
import net from 'node:net'
import { performance } from 'node:perf_hooks'

export interface LoadResult {
  requests: number
  errors: number
  seconds: number
  latenciesMs: number[]
  /** Requests answered including the warm-up (for CPU per request). */
  allRequests: number
  statuses: Map<number, number>
}

/** Runs `task(worker)` on `concurrency` workers for `seconds` (after `warmup` seconds not measured). */
export async function runWorkers(concurrency: number, seconds: number, warmup: number, task: (worker: number) => Promise<number>): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, errors: 0, seconds, latenciesMs: [], allRequests: 0, statuses: new Map() }
  const start = performance.now()
  const measureFrom = start + warmup * 1000
  const end = measureFrom + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now()
        let status = 0
        try {
          status = await task(w)
        } catch {
          status = -1
        }
        const t1 = performance.now()
        result.allRequests++
        if (t0 >= measureFrom && t1 <= end) {
          result.requests++
          result.latenciesMs.push(t1 - t0)
          result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1)
          if (status < 200 || status >= 300) result.errors++
        }
      }
    }),
  )
  return result
}

/** A keep-alive HTTP/1.1 request as sent on the wire (this client's and wrk's, see wrk-load.ts). */
export function requestBytes(method: string, path: string, host: string, headers: Record<string, string>, body?: string): Buffer {
  const payload = body === undefined ? undefined : Buffer.from(body)
  let head = `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n`
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`
  if (payload) head += `Content-Length: ${payload.length}\r\n`
  head += '\r\n'
  return payload ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : Buffer.from(head, 'latin1')
}

/** One keep-alive HTTP/1.1 connection that sends a request and waits for the whole response. */
export class HttpConnection {
  private socket: net.Socket
  private buffer: Buffer = Buffer.alloc(0)
  private pending: ((r: { status: number; body: Buffer }) => void) | undefined
  private failed: ((e: Error) => void) | undefined
  private ready: Promise<void>

  constructor(private readonly host: string, private readonly port: number) {
    this.socket = net.connect({ host, port, noDelay: true })
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve())
      this.socket.once('error', reject)
    })
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk
      this.parse()
    })
    this.socket.on('error', (err) => this.failed?.(err))
    this.socket.on('close', () => this.failed?.(new Error('connection closed')))
  }

  private parse(): void {
    const headerEnd = this.buffer.indexOf('\r\n\r\n')
    if (headerEnd < 0 || !this.pending) return
    const head = this.buffer.subarray(0, headerEnd).toString('latin1')
    const status = Number(head.slice(9, 12))
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head)
    const length = m ? Number(m[1]) : 0
    if (!m && /\r\ntransfer-encoding:\s*chunked/i.test(head)) throw new Error('chunked responses are not expected here')
    const total = headerEnd + 4 + length
    if (this.buffer.length < total) return
    const body = this.buffer.subarray(headerEnd + 4, total)
    this.buffer = this.buffer.subarray(total)
    const resolve = this.pending
    this.pending = undefined
    this.failed = undefined
    resolve({ status, body })
  }

  async request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: Buffer }> {
    await this.ready
    const bytes = requestBytes(method, path, `localhost:${this.port}`, headers, body)
    return new Promise((resolve, reject) => {
      this.pending = resolve
      this.failed = reject
      this.socket.write(bytes)
    })
  }

  debugState(): string {
    return `pending=${Boolean(this.pending)} buffered=${this.buffer.length} head=${JSON.stringify(this.buffer.subarray(0, 300).toString('latin1'))}`
  }

  close(): void {
    this.socket.destroy()
  }
}
