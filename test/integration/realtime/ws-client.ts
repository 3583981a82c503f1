// test/integration/realtime/ws-client.ts — a /realtime client for tests (the `ws` package): collects frames and waits
// for the ones a test expects, with a deadline, so a missing frame fails fast and says what it waited for.
import WebSocket from 'ws'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test frames are read loosely
export type Frame = Record<string, any>

export class WsClient {
  readonly frames: Frame[] = []
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = []
  closed = false
  closeCode: number | undefined

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame
      this.frames.push(frame)
      for (const w of [...this.waiters]) {
        if (w.pred(frame)) {
          this.waiters.splice(this.waiters.indexOf(w), 1)
          w.resolve(frame)
        }
      }
    })
    socket.on('close', (code) => {
      this.closed = true
      this.closeCode = code
    })
  }

  send(msg: Frame): void {
    this.socket.send(JSON.stringify(msg))
  }

  /** The first frame (already received or future) matching `pred`. */
  next(pred: (f: Frame) => boolean, what = 'frame', timeoutMs = 10_000): Promise<Frame> {
    const have = this.frames.find(pred)
    if (have) return Promise.resolve(have)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done)
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames.slice(-5)).slice(0, 600)}`))
      }, timeoutMs)
      const done = (f: Frame) => {
        clearTimeout(timer)
        resolve(f)
      }
      this.waiters.push({ pred, resolve: done })
    })
  }

  changes(table?: string): Frame[] {
    return this.frames.filter((f) => f.type === 'postgres_changes' && (!table || f.payload.table === table)).map((f) => f.payload)
  }

  async subscribe(config: { table: string; schema?: string; event?: string; filter?: string }, channel = 'realtime:test'): Promise<Frame> {
    const before = this.frames.length
    this.send({ type: 'subscribe', channel, config: { event: '*', schema: 'public', ...config } })
    return this.next((f) => this.frames.indexOf(f) >= before && (f.type === 'ack' || f.type === 'error'), `ack for ${config.table}`)
  }

  close(): void {
    this.socket.close()
  }
}

export function wsUrl(apiUrl: string, token?: string): string {
  return apiUrl.replace(/^http/, 'ws') + '/realtime' + (token ? `?token=${encodeURIComponent(token)}` : '')
}

export function connect(apiUrl: string, token?: string): Promise<WsClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(apiUrl, token))
    socket.once('open', () => resolve(new WsClient(socket)))
    socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode })))
    socket.once('error', reject)
  })
}

/** Resolves when nothing matching arrives for `ms` (used to prove a frame does NOT come). */
export async function quiet(ms = 400): Promise<void> {
  await new Promise((r) => setTimeout(r, ms))
}
