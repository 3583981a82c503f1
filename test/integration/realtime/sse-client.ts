// test/integration/realtime/sse-client.ts — reads GET /api/v1/realtime/sse as a stream of {id, event, data}, the way
// an EventSource would, with a handle to drop the connection mid-stream.
export interface SseMessage {
  id?: string
  event: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test frames are read loosely
  data: any
}

export interface SseClient {
  status: number
  messages: SseMessage[]
  next(pred: (m: SseMessage) => boolean, what?: string, timeoutMs?: number): Promise<SseMessage>
  close(): void
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController()
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal })
  const messages: SseMessage[] = []
  const waiters: { pred: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }[] = []
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder()
      let buf = ''
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += decoder.decode(chunk, { stream: true })
          let cut: number
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, cut)
            buf = buf.slice(cut + 2)
            const m: SseMessage = { event: 'message', data: '' }
            const data: string[] = []
            for (const line of block.split('\n')) {
              if (line.startsWith('id:')) m.id = line.slice(3).trim()
              else if (line.startsWith('event:')) m.event = line.slice(6).trim()
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
            }
            if (!data.length) continue
            m.data = JSON.parse(data.join('\n'))
            messages.push(m)
            for (const w of [...waiters]) {
              if (!w.pred(m)) continue
              waiters.splice(waiters.indexOf(w), 1)
              w.resolve(m)
            }
          }
        }
      } catch {
        // aborted
      }
    })()
  }
  return {
    status: res.status,
    messages,
    next(pred, what = 'message', timeoutMs = 10_000) {
      const have = messages.find(pred)
      if (have) return Promise.resolve(have)
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages.slice(-3)).slice(0, 500)}`)), timeoutMs)
        waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) })
      })
    },
    close: () => controller.abort(),
  }
}
