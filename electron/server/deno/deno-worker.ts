// deno/deno-worker.ts — one Deno process the runtime owns: spawned with the permissions and V8 heap cap it is
// given, told its init message, then sent calls one at a time over stdin/stdout (host-protocol.ts). A call that
// runs past its timeout kills the process; a process that dies mid-call fails that call with the reason.
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

export class DenoWorker {
  private readonly child: ChildProcess
  private readonly nonce = crypto.randomBytes(9).toString('base64url')
  private nextId = 1
  private pending: { id: number; resolve(o: CallOutcome): void; opts: CallOptions; timer: NodeJS.Timeout } | undefined
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

  get dead(): boolean {
    return this.exited
  }

  get busy(): boolean {
    return this.pending !== undefined
  }

  onExitOnce(fn: () => void): void {
    if (this.exited) fn()
    else this.exitListeners.push(fn)
  }

  call(payload: unknown, opts: CallOptions): Promise<CallOutcome> {
    if (this.exited) return Promise.resolve({ ok: false, reason: 'crash', message: 'the worker process has exited' })
    if (this.pending) throw new Error('DenoWorker.call while a call is in flight')
    const id = this.nextId++
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle({ ok: false, reason: 'timeout', message: `Execution timeout after ${formatSeconds(opts.timeoutMs)}` }, true), opts.timeoutMs)
      this.pending = { id, resolve, opts, timer }
      this.write({ t: 'call', id, payload })
      if (opts.cancel) this.watchCancel(id, opts.cancel, opts.cancelGraceMs ?? 5000)
    })
  }

  private watchCancel(id: number, cancel: AbortSignal, graceMs: number): void {
    const onAbort = () => {
      if (this.pending?.id !== id) return
      this.write({ t: 'signal', id, name: 'cancel' })
      const force = setTimeout(() => {
        if (this.pending?.id === id) this.settle({ ok: false, reason: 'cancelled', message: `cancelled; stopped after a grace period of ${formatSeconds(graceMs)}` }, true)
      }, graceMs)
      force.unref()
    }
    if (cancel.aborted) onAbort()
    else cancel.addEventListener('abort', onAbort, { once: true })
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL')
  }

  /** Lets the worker finish on its own (stdin closed); killed if it lingers. */
  close(): void {
    if (this.exited) return
    this.child.stdin!.end()
    setTimeout(() => this.kill(), 2000).unref()
  }

  private write(message: unknown): void {
    this.child.stdin!.write(JSON.stringify(message) + '\n')
  }

  private settle(outcome: CallOutcome, kill = false): void {
    const p = this.pending
    if (!p) return
    clearTimeout(p.timer)
    this.pending = undefined
    if (kill) this.kill()
    p.resolve(outcome)
  }

  private log(level: LogLevel, message: string): void {
    if (this.pending) this.pending.opts.onLog(level, message)
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
      case 'log':
        if (this.pending && frame.id === this.pending.id) this.pending.opts.onLog(frame.level, frame.message)
        else this.onStrayLog(frame.level, frame.message)
        break
      case 'event':
        if (this.pending && frame.id === this.pending.id) this.pending.opts.onEvent?.(frame.name, frame.data)
        break
      case 'result':
        if (this.pending && frame.id === this.pending.id) this.settle({ ok: true, payload: frame.payload })
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
    if (OOM.test(tail)) this.settle({ ok: false, reason: 'memory', message: `the function ran out of memory (limit ${this.memoryMb} MB)` })
    else this.settle({ ok: false, reason: 'crash', message: `the function's worker process ended during the call (${how})` })
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
