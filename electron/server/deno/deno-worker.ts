// deno/deno-worker.ts — one Deno process the runtime owns: spawned with the permissions and V8 heap cap it is
// given, told its init message, then sent calls over stdin/stdout (host-protocol.ts) — several at once when the pool
// allows it (messages written in the same event-loop turn go in one write). A call that runs past its timeout kills
// the process; a process that dies fails every call in flight on it with the reason.
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import { decodeLine, type FromHost, type LogLevel } from './host-protocol.js'

export interface WorkerPermissions {
  /** true: any host; a list: only those `host:port`s (e.g. the runtime's own API when a job has allow-net false). */
  net: boolean | string[]
  read: string[]
  write: string[]
  /** Variable names; a trailing `*` matches a prefix (Deno's own syntax). */
  env: string[]
}

export interface WorkerSpec {
  /** The host script Deno runs (a bundle that calls runHost from host-channel.ts). */
  hostScript: string
  /** Sent to the host's init handler (e.g. which module to load). */
  init: unknown
  cwd: string
  /** The process environment, complete: nothing of the runtime's own environment is inherited. */
  env: Record<string, string>
  permissions: WorkerPermissions
  /** V8 old-space cap in MB. */
  memoryMb: number
  /** A deno.json for imports (import map); none → --no-config. */
  configFile?: string
}

export type CallFailure = 'timeout' | 'crash' | 'memory' | 'load' | 'cancelled'
export type CallOutcome = { ok: true; payload: unknown } | { ok: false; reason: CallFailure; message: string }

export interface CallOptions {
  timeoutMs: number
  /** The call's own log lines (console.*, raw stdout and stderr), in order. */
  onLog(level: LogLevel, message: string): void
  /** What the call reports while it runs (a job's progress). */
  onEvent?(name: string, data: unknown): void
  /**
   * Cooperative cancellation: on abort the call is sent a 'cancel' signal; if it has not ended `cancelGraceMs`
   * later, the worker is killed and the call ends as 'cancelled'.
   */
  cancel?: AbortSignal
  cancelGraceMs?: number
}

/** Raised by DenoWorker.start when the host could not load (the user's module failed to compile or import). */
export class WorkerLoadError extends Error {}

const STDERR_KEEP = 8 * 1024
const OOM = /out of memory|heap limit|allocation failed/i

export function denoArgs(spec: WorkerSpec): string[] {
  const p = spec.permissions
  const args = ['run', '--no-prompt', '--no-lock', '--quiet', `--v8-flags=--max-old-space-size=${spec.memoryMb}`]
  args.push(spec.configFile ? `--config=${spec.configFile}` : '--no-config')
  if (p.net === true) args.push('--allow-net')
  else if (Array.isArray(p.net) && p.net.length) args.push(`--allow-net=${p.net.join(',')}`)
  if (p.env.length) args.push(`--allow-env=${p.env.join(',')}`)
  if (p.read.length) args.push(`--allow-read=${p.read.join(',')}`)
  if (p.write.length) args.push(`--allow-write=${p.write.join(',')}`)
  args.push(spec.hostScript)
  return args
}

interface Pending {
  id: number
  resolve(o: CallOutcome): void
  opts: CallOptions
  timer: NodeJS.Timeout
  started: number
}

export class DenoWorker {
  private readonly child: ChildProcess
  private readonly nonce = crypto.randomBytes(9).toString('base64url')
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private outbox: string[] = []
  /** Why the runtime killed this worker (a call's timeout or cancellation), told to the other calls it ends. */
  private killedFor: string | undefined
  private killed = false
  private stderrTail = ''
  private exited = false
  private readonly exitListeners: Array<() => void> = []
  private ready: { resolve(): void; reject(e: Error): void } | undefined
  /** Lines written outside any call (module top level, late async work). */
  onStrayLog: (level: LogLevel, message: string) => void = () => undefined

  private readonly memoryMb: number

  private constructor(denoPath: string, spec: WorkerSpec) {
    this.memoryMb = spec.memoryMb
    this.child = spawn(denoPath, denoArgs(spec), { cwd: spec.cwd, env: spec.env, stdio: ['pipe', 'pipe', 'pipe'] })
    this.child.stdin!.on('error', () => undefined)
    readLines(this.child.stdout!, (line) => this.onStdout(line))
    readLines(this.child.stderr!, (line) => this.onStderr(line))
    this.child.on('error', (err) => this.onExit(`could not start Deno: ${err.message}`))
    // 'close', not 'exit': by then stderr is read to its end, so an out-of-memory message is known.
    this.child.on('close', (code, signal) => this.onExit(signal ? `signal ${signal}` : `exit code ${code}`))
  }

  /**
   * Starts the process only: Deno compiles the host script and waits for its init message. A pool keeps such a
   * blank worker aside so that new code loads without paying for a process start (see DenoPool).
   */
  static spawn(denoPath: string, spec: WorkerSpec, onStrayLog?: (level: LogLevel, message: string) => void): DenoWorker {
    const worker = new DenoWorker(denoPath, spec)
    if (onStrayLog) worker.onStrayLog = onStrayLog
    return worker
  }

  /** Sends the init message (load the user's module); resolves when the host is ready, rejects with its load error. */
  init(init: unknown): Promise<this> {
    if (this.exited) return Promise.reject(new WorkerLoadError('the Deno worker has exited'))
    return new Promise((resolve, reject) => {
      this.ready = { resolve: () => resolve(this), reject }
      this.write({ t: 'init', nonce: this.nonce, init })
    })
  }

  static start(denoPath: string, spec: WorkerSpec, onStrayLog?: (level: LogLevel, message: string) => void): Promise<DenoWorker> {
    return DenoWorker.spawn(denoPath, spec, onStrayLog).init(spec.init)
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  /** Exited, or killed and about to: no call may be given to it. */
  get dead(): boolean {
    return this.exited || this.killed
  }

  /** Calls in flight on this worker. */
  get inFlight(): number {
    return this.pending.size
  }

  onExitOnce(fn: () => void): void {
    if (this.exited) fn()
    else this.exitListeners.push(fn)
  }

  call(payload: unknown, opts: CallOptions): Promise<CallOutcome> {
    if (this.exited) return Promise.resolve({ ok: false, reason: 'crash', message: 'the worker process has exited' })
    const id = this.nextId++
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, { ok: false, reason: 'timeout', message: `Execution timeout after ${formatSeconds(opts.timeoutMs)}` }, 'a call on it ran past its timeout'), opts.timeoutMs)
      this.pending.set(id, { id, resolve, opts, timer, started: performance.now() })
      this.write({ t: 'call', id, payload })
      if (opts.cancel) this.watchCancel(id, opts.cancel, opts.cancelGraceMs ?? 5000)
    })
  }

  private watchCancel(id: number, cancel: AbortSignal, graceMs: number): void {
    const onAbort = () => {
      if (!this.pending.has(id)) return
      this.write({ t: 'signal', id, name: 'cancel' })
      const force = setTimeout(() => {
        if (this.pending.has(id)) this.settle(id, { ok: false, reason: 'cancelled', message: `cancelled; stopped after a grace period of ${formatSeconds(graceMs)}` }, 'a call on it was cancelled')
      }, graceMs)
      force.unref()
    }
    if (cancel.aborted) onAbort()
    else cancel.addEventListener('abort', onAbort, { once: true })
  }

  kill(): void {
    this.killed = true
    if (!this.exited) this.child.kill('SIGKILL')
  }

  /** Lets the worker finish on its own (stdin closed); killed if it lingers. */
  close(): void {
    if (this.exited) return
    this.child.stdin!.end()
    setTimeout(() => this.kill(), 2000).unref()
  }

  /** Messages of one event-loop turn go in one write: a burst of calls wakes the worker once. */
  private write(message: unknown): void {
    this.outbox.push(JSON.stringify(message) + '\n')
    if (this.outbox.length === 1) setImmediate(() => this.flush())
  }

  private flush(): void {
    const text = this.outbox.join('')
    this.outbox = []
    if (!this.exited) this.child.stdin!.write(text)
  }

  /** Ends call `id` with `outcome`; `killFor` kills the worker (the other calls in flight end with that reason). */
  private settle(id: number, outcome: CallOutcome, killFor?: string): void {
    const p = this.pending.get(id)
    if (!p) return
    clearTimeout(p.timer)
    this.pending.delete(id)
    p.resolve(outcome)
    if (killFor) {
      this.killedFor ??= killFor
      this.kill()
      const others: CallOutcome = { ok: false, reason: 'crash', message: `the function's worker process was stopped because ${this.killedFor} (this call was running on the same worker)` }
      // A call that was itself about to reach its limit (a loop blocks every call's timer alike) is a timeout too.
      const now = performance.now()
      for (const other of [...this.pending.values()]) {
        const late = outcome.ok === false && outcome.reason === 'timeout' && now - other.started >= other.opts.timeoutMs * 0.9
        this.settle(other.id, late ? { ok: false, reason: 'timeout', message: `Execution timeout after ${formatSeconds(other.opts.timeoutMs)}` } : others)
      }
    }
  }

  /** Output not tagged with a call (raw stdout, stderr): the call's when only one is in flight. */
  private log(level: LogLevel, message: string): void {
    const only = this.pending.size === 1 ? this.pending.values().next().value : undefined
    if (only) only.opts.onLog(level, message)
    else this.onStrayLog(level, message)
  }

  private onStdout(line: string): void {
    const { frame, text } = decodeLine(this.nonce, line)
    if (text) this.log('info', text)
    if (frame) this.onFrame(frame)
  }

  private onStderr(line: string): void {
    this.stderrTail = (this.stderrTail + line + '\n').slice(-STDERR_KEEP)
    if (!line) return
    this.log(/^Warning/.test(line) ? 'warn' : /^(Download|Check|Compile) /.test(line) ? 'info' : 'error', line)
  }

  private onFrame(frame: FromHost): void {
    switch (frame.t) {
      case 'ready':
        this.ready?.resolve()
        this.ready = undefined
        break
      case 'init-error':
        this.ready?.reject(new WorkerLoadError(frame.message))
        this.ready = undefined
        break
      case 'log': {
        const p = frame.id === null ? undefined : this.pending.get(frame.id)
        if (p) p.opts.onLog(frame.level, frame.message)
        else this.onStrayLog(frame.level, frame.message)
        break
      }
      case 'event':
        this.pending.get(frame.id)?.opts.onEvent?.(frame.name, frame.data)
        break
      case 'result':
        this.settle(frame.id, { ok: true, payload: frame.payload })
        break
    }
  }

  private onExit(how: string): void {
    if (this.exited) return
    this.exited = true
    const tail = this.stderrTail.trim()
    if (this.ready) {
      this.ready.reject(new WorkerLoadError(tail || `the Deno worker ended before it was ready (${how})`))
      this.ready = undefined
    }
    const outcome: CallOutcome = OOM.test(tail)
      ? { ok: false, reason: 'memory', message: `the function ran out of memory (limit ${this.memoryMb} MB)` }
      : { ok: false, reason: 'crash', message: `the function's worker process ended during the call (${how})` }
    for (const id of [...this.pending.keys()]) this.settle(id, outcome)
    for (const fn of this.exitListeners.splice(0)) fn()
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`
}

/** Splits a stream into lines without holding a huge one: a line over 64 KB is passed on in pieces. */
function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buffered += chunk
    let nl: number
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl))
      buffered = buffered.slice(nl + 1)
    }
    // Frames can be large (a response body); only user text without newlines is cut.
    if (buffered.length > 64 * 1024 * 1024) {
      onLine(buffered)
      buffered = ''
    }
  })
  stream.on('end', () => {
    if (buffered) onLine(buffered)
  })
}
