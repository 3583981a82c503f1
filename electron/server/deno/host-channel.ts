// deno/host-channel.ts — runs inside a Deno worker process (bundled into a host script such as
// functions/deno-host/function-host.ts): reads the runtime's messages from stdin, answers on stdout in frames,
// and turns console.* into log frames tagged with the call they belong to. Several calls may run at once (the
// functions pool sends more than one to a worker): each runs in its own async context (AsyncLocalStorage) that
// carries its id, its environment (Deno.env and process.env read it) and its globals. Results are written
// together once per event-loop turn, so a burst of calls costs one write. Stdin is read while calls run, so a
// call can be signalled (a job's cancellation) and the worker ends as soon as the runtime is gone.
import { encodeFrame, type FromHost, type LogLevel, type ToHost } from './host-protocol.js'

/** The few Deno APIs the host uses (this file is type-checked with Node's types, where `Deno` does not exist). */
export interface DenoApi {
  stdin: { readable: ReadableStream<Uint8Array> }
  stdout: { writeSync(p: Uint8Array): number }
  env: { get(k: string): string | undefined; set(k: string, v: string): void; delete(k: string): void; has(k: string): boolean; toObject(): Record<string, string> }
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

/** What belongs to one call: its id, its environment, and the values its globals (Fluxbase, secrets) show. */
interface CallScope {
  id: number
  env: Record<string, string>
  locals: Record<string, unknown>
}

interface AsyncStore<T> {
  run<R>(store: T, fn: () => R): R
  getStore(): T | undefined
}

let scopes: AsyncStore<CallScope> | undefined
const current = (): CallScope | undefined => scopes?.getStore()

function write(text: string): void {
  const bytes = encoder.encode(text)
  let written = 0
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written))
}

/** Log and control frames go at once (a call stuck in a loop still shows what it logged before). */
function send(message: FromHost): void {
  write(encodeFrame(nonce, message))
}

let queued: string[] = []
/** Results wait for the end of this event-loop turn: calls answered in the same turn share one write. */
function sendLater(message: FromHost): void {
  queued.push(encodeFrame(nonce, message))
  if (queued.length === 1) setTimeout(flush, 0)
}
function flush(): void {
  const text = queued.join('')
  queued = []
  write(text)
}

/** Makes `env` the call's whole set of variables (Deno.env / process.env inside the call read only these and the process's own). */
export function replaceCallEnv(env: Record<string, string>): void {
  const scope = current()
  if (scope) scope.env = { ...env }
}

/** A value the current call's globals show (e.g. `Fluxbase`): `defineCallGlobal` makes the global read it. */
export function setCallLocal(name: string, value: unknown): void {
  const scope = current()
  if (scope) scope.locals[name] = value
}

export function defineCallGlobal(name: string): void {
  Object.defineProperty(globalThis, name, { get: () => current()?.locals[name], configurable: true })
}

/** Deno.env (and so process.env) per call: the call's variables first, then the process's own (a few, fixed). */
function scopeEnv(): void {
  const env = Deno.env
  const get = env.get.bind(env)
  const has = env.has.bind(env)
  const set = env.set.bind(env)
  const del = env.delete.bind(env)
  const toObject = env.toObject.bind(env)
  env.get = (k) => {
    const scope = current()
    return scope && k in scope.env ? scope.env[k] : get(k)
  }
  env.has = (k) => Boolean(current() && k in current()!.env) || has(k)
  env.set = (k, v) => {
    const scope = current()
    if (scope) scope.env[k] = String(v)
    else set(k, v)
  }
  env.delete = (k) => {
    const scope = current()
    if (scope) delete scope.env[k]
    else del(k)
  }
  env.toObject = () => ({ ...toObject(), ...current()?.env })
}

/** Reports something about the call in flight to the runtime (see FromHost 'event'); ignored outside a call. */
export function sendEvent(name: string, data: unknown): void {
  const scope = current()
  if (scope) send({ t: 'event', id: scope.id, name, data })
}

function format(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : Deno.inspect(a, { colors: false, depth: 4 }))).join(' ')
}

function captureConsole(): void {
  const levels: Array<[keyof Console, LogLevel]> = [['log', 'info'], ['info', 'info'], ['debug', 'info'], ['trace', 'info'], ['warn', 'warn'], ['error', 'error']]
  for (const [method, level] of levels) {
    ;(console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => send({ t: 'log', id: current()?.id ?? null, level, message: format(args) })
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
  let payload: unknown
  try {
    payload = await scopes!.run({ id, env: {}, locals: {} }, () => handlers.call(input, id))
  } catch (err) {
    payload = { hostError: err instanceof Error ? err.message : String(err) }
  }
  sendLater({ t: 'result', id, payload })
}

// A computed specifier: the bundler leaves it to Deno, which has node:async_hooks built in.
const ASYNC_HOOKS = ['node', 'async_hooks'].join(':')

export async function runHost(handlers: HostHandlers): Promise<void> {
  const { AsyncLocalStorage } = (await import(ASYNC_HOOKS)) as { AsyncLocalStorage: new () => AsyncStore<CallScope> }
  scopes = new AsyncLocalStorage()
  scopeEnv()
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
      // Not awaited: the loop goes on reading stdin (more calls, signals, or its end) while the call runs.
      void runCall(handlers, message.id, message.payload)
    } else if (message.t === 'signal') {
      handlers.signal?.(message.id, message.name)
    }
  }
  // stdin closed: the runtime has gone or let this worker go.
  Deno.exit(0)
}
