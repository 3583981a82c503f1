// deno/host-channel.ts — runs inside a Deno worker process (bundled into a host script such as
// functions/deno-host/function-host.ts): reads the runtime's messages from stdin, answers on stdout in frames,
// and turns console.* into log frames tagged with the call they belong to. One call at a time: the runtime never
// sends the next call before the previous result. Stdin is read while a call runs, so the call can be signalled
// (a job's cancellation) and the worker ends as soon as the runtime is gone, even in the middle of a call.
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
  /** A signal for the call in flight (see ToHost 'signal'). */
  signal?(id: number, name: string): void
}

const encoder = new TextEncoder()
let nonce = ''
let currentCall: number | null = null

function send(message: FromHost): void {
  const bytes = encoder.encode(encodeFrame(nonce, message))
  let written = 0
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written))
}

let envKeys: string[] = []

/** Makes `env` the call's whole set of variables: the previous call's that it does not name are removed. */
export function replaceCallEnv(env: Record<string, string>): void {
  for (const k of envKeys) if (!(k in env)) Deno.env.delete(k)
  for (const [k, v] of Object.entries(env)) Deno.env.set(k, v)
  envKeys = Object.keys(env)
}

/** Reports something about the call in flight to the runtime (see FromHost 'event'); ignored outside a call. */
export function sendEvent(name: string, data: unknown): void {
  if (currentCall !== null) send({ t: 'event', id: currentCall, name, data })
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

async function runCall(handlers: HostHandlers, id: number, input: unknown): Promise<void> {
  currentCall = id
  let payload: unknown
  try {
    payload = await handlers.call(input, id)
  } catch (err) {
    payload = { hostError: err instanceof Error ? err.message : String(err) }
  }
  send({ t: 'result', id, payload })
  currentCall = null
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
      // Not awaited: the loop goes on reading stdin (signals, or its end) while the call runs.
      void runCall(handlers, message.id, message.payload)
    } else if (message.t === 'signal') {
      if (message.id === currentCall) handlers.signal?.(message.id, message.name)
    }
  }
  // stdin closed: the runtime has gone or let this worker go.
  Deno.exit(0)
}
