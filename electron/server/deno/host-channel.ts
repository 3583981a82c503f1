// deno/host-channel.ts — runs inside a Deno worker process (bundled into a host script such as
// functions/deno-host/function-host.ts): reads the runtime's messages from stdin, answers on stdout in frames,
// and turns console.* into log frames tagged with the call they belong to. One call at a time: the runtime never
// sends the next call before the previous result.
import { encodeFrame, type FromHost, type LogLevel, type ToHost } from './host-protocol.js'

/** The few Deno APIs the host uses (this file is type-checked with Node's types, where `Deno` does not exist). */
export interface DenoApi {
  stdin: { readable: ReadableStream<Uint8Array> }
  stdout: { writeSync(p: Uint8Array): number }
  env: { get(k: string): string | undefined; set(k: string, v: string): void; delete(k: string): void }
  inspect(value: unknown, options?: { colors?: boolean; depth?: number }): string
  exit(code?: number): never
  args: string[]
}

export const Deno = (globalThis as unknown as { Deno: DenoApi }).Deno

export interface HostHandlers {
  /** Prepares the worker (loads the user's module); a thrown error ends the worker with an init-error. */
  init(init: unknown): Promise<void>
  /** Answers one call; the returned value must be JSON-serialisable. */
  call(payload: unknown, id: number): Promise<unknown>
}

const encoder = new TextEncoder()
let nonce = ''
let currentCall: number | null = null

function send(message: FromHost): void {
  const bytes = encoder.encode(encodeFrame(nonce, message))
  let written = 0
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written))
}

function format(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : Deno.inspect(a, { colors: false, depth: 4 }))).join(' ')
}

function captureConsole(): void {
  const levels: Array<[keyof Console, LogLevel]> = [['log', 'info'], ['info', 'info'], ['debug', 'info'], ['trace', 'info'], ['warn', 'warn'], ['error', 'error']]
  for (const [method, level] of levels) {
    ;(console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => send({ t: 'log', id: currentCall, level, message: format(args) })
  }
}

async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let buffered = ''
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true })
    let nl: number
    while ((nl = buffered.indexOf('\n')) >= 0) {
      yield buffered.slice(0, nl)
      buffered = buffered.slice(nl + 1)
    }
  }
}

export async function runHost(handlers: HostHandlers): Promise<void> {
  captureConsole()
  for await (const line of lines(Deno.stdin.readable)) {
    if (!line) continue
    const message = JSON.parse(line) as ToHost
    if (message.t === 'init') {
      nonce = message.nonce
      try {
        await handlers.init(message.init)
        send({ t: 'ready' })
      } catch (err) {
        send({ t: 'init-error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
        Deno.exit(1)
      }
    } else if (message.t === 'call') {
      currentCall = message.id
      let payload: unknown
      try {
        payload = await handlers.call(message.payload, message.id)
      } catch (err) {
        payload = { hostError: err instanceof Error ? err.message : String(err) }
      }
      send({ t: 'result', id: message.id, payload })
      currentCall = null
    }
  }
  // stdin closed: the runtime has gone or let this worker go.
  Deno.exit(0)
}
