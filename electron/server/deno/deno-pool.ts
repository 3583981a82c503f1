// deno/deno-pool.ts — warm Deno workers grouped by key (one key per piece of user code, e.g. a function): a call
// takes an idle worker of its key, else shares a worker that has room (up to maxInFlight calls at once), else
// starts one, else waits its turn. Workers keep their loaded module between calls; retire(key) replaces them when
// the code changes. Knows nothing of HTTP or what the code is for.
import { DenoWorker, WorkerLoadError, type CallOptions, type CallOutcome, type WorkerSpec } from './deno-worker.js'
import type { LogLevel } from './host-protocol.js'

export interface DenoPoolOptions {
  denoPath: string
  /** Workers alive at once, all keys together. */
  maxWorkers: number
  /** Workers of one key at once. */
  maxPerKey: number
  /**
   * Calls one worker runs at once (default 1). Above 1, a burst of calls shares a process (one wake-up, one write
   * for many calls) instead of paying a process hand-off each; the price is that a call that kills its worker
   * (timeout, memory, exit) ends the others in flight on it too, each told why.
   */
  maxInFlight?: number
  /** Output of a worker outside any call (module top level), and worker starts/ends. */
  onWorkerLog?(key: string, level: LogLevel, message: string): void
}

interface Slot {
  worker?: DenoWorker
  starting?: Promise<DenoWorker>
  generation: number
  /** Calls running on it (a slot that is starting counts the call it starts for). */
  inFlight: number
  /** Started by warm(), not for a particular call: the next caller waits for it rather than starting another. */
  spare: boolean
  lastUsed: number
}

interface Waiter {
  spec: WorkerSpec
  resolve(slot: Slot | CallOutcome): void
}

interface KeyState {
  generation: number
  slots: Slot[]
  waiters: Waiter[]
  /** A started process with no module loaded yet, for the next worker of this key (same spec apart from init). */
  spare?: { worker: DenoWorker; spec: string }
}

/** What a spare must match: everything that is fixed when the process starts. */
const processSpec = (spec: WorkerSpec) => JSON.stringify({ ...spec, init: undefined })

export class DenoPool {
  private readonly keys = new Map<string, KeyState>()
  private stopped = false

  private readonly capacity: number

  constructor(private readonly options: DenoPoolOptions) {
    this.capacity = Math.max(1, options.maxInFlight ?? 1)
  }

  private state(key: string): KeyState {
    let s = this.keys.get(key)
    if (!s) this.keys.set(key, (s = { generation: 0, slots: [], waiters: [] }))
    return s
  }

  private total(): number {
    let n = 0
    for (const s of this.keys.values()) n += s.slots.length
    return n
  }

  /** Runs one call on a worker of `key` started from `spec` (used only when a new worker is needed). */
  async run(key: string, spec: WorkerSpec, payload: unknown, opts: CallOptions): Promise<CallOutcome> {
    if (this.stopped) return { ok: false, reason: 'crash', message: 'the runtime is stopping' }
    const got = await this.acquire(key, spec)
    if (!('generation' in got)) return got
    const slot = got
    try {
      return await slot.worker!.call(payload, opts)
    } finally {
      slot.inFlight--
      slot.lastUsed = Date.now()
      this.released(key, slot)
    }
  }

  /**
   * Starts one worker of `key` if it has none, so the first call finds the module loaded. Resolves to the load
   * error's message when the code does not load, undefined when it does.
   */
  async warm(key: string, spec: WorkerSpec): Promise<string | undefined> {
    const s = this.state(key)
    const current = s.slots.find((x) => x.generation === s.generation)
    if (current) {
      if (!current.starting) return undefined
      return current.starting.then(() => undefined, (err: Error) => err.message)
    }
    if (this.total() >= this.options.maxWorkers && !this.evictIdle(key)) return undefined
    const slot = this.startSlot(key, s, spec, true)
    return slot.starting!.then(
      () => {
        slot.inFlight--
        this.released(key, slot)
        return undefined
      },
      (err: Error) => {
        for (const w of s.waiters.splice(0)) w.resolve({ ok: false, reason: 'load', message: err.message })
        return err.message
      },
    )
  }

  /** The code of `key` changed: idle workers go now, busy ones after their call; new calls start fresh ones. */
  retire(key: string): void {
    const s = this.keys.get(key)
    if (!s) return
    s.generation++
    for (const slot of [...s.slots]) if (slot.inFlight === 0 && !slot.starting) this.drop(key, slot)
  }

  /** Keeps one blank process of this key ready (after a load, so that it does not compete with it for the CPU). */
  private refillSpare(key: string, spec: WorkerSpec): void {
    const s = this.keys.get(key)
    if (!s || s.spare || this.stopped) return
    const worker = DenoWorker.spawn(this.options.denoPath, spec, (level, message) => this.options.onWorkerLog?.(key, level, message))
    const spare = { worker, spec: processSpec(spec) }
    s.spare = spare
    worker.onExitOnce(() => {
      if (s.spare === spare) s.spare = undefined
    })
  }

  /** The code of `key` is gone: its workers and its spare go. */
  forget(key: string): void {
    this.retire(key)
    const s = this.keys.get(key)
    s?.spare?.worker.kill()
    if (s && !s.slots.length) this.keys.delete(key)
  }

  /** Workers alive per key (tests, the studio). */
  workerCount(key: string): number {
    return this.keys.get(key)?.slots.filter((x) => x.worker && !x.worker.dead).length ?? 0
  }

  async stop(): Promise<void> {
    this.stopped = true
    const exits: Promise<void>[] = []
    for (const [, s] of this.keys) {
      for (const w of s.waiters.splice(0)) w.resolve({ ok: false, reason: 'crash', message: 'the runtime is stopping' })
      const spare = s.spare?.worker
      if (spare && !spare.dead) {
        exits.push(new Promise((r) => spare.onExitOnce(r)))
        spare.kill()
      }
      for (const slot of s.slots) {
        const worker = slot.worker
        if (worker && !worker.dead) {
          exits.push(new Promise((r) => worker.onExitOnce(r)))
          worker.kill()
        }
        slot.starting?.then((w) => w.kill(), () => undefined)
      }
    }
    await Promise.all(exits)
    this.keys.clear()
  }

  private acquire(key: string, spec: WorkerSpec): Promise<Slot | CallOutcome> {
    const s = this.state(key)
    const ready = s.slots.filter((x) => !x.starting && x.generation === s.generation && x.worker && !x.worker.dead && x.inFlight < this.capacity)
    const idle = ready.find((x) => x.inFlight === 0)
    // A worker with room: the one with the most calls already (their answers share its writes), idle ones first.
    const shared = idle ?? ready.sort((a, b) => b.inFlight - a.inFlight)[0]
    if (shared) {
      shared.inFlight++
      return Promise.resolve(shared)
    }
    // Workers already starting take the next callers (as many as they have room for): no second process for them.
    const starting = s.slots.filter((x) => x.starting && x.generation === s.generation)
    const room = starting.reduce((n, x) => n + this.capacity - x.inFlight + (x.spare ? 1 : 0), 0)
    if (room <= s.waiters.length && s.slots.length < this.options.maxPerKey && (this.total() < this.options.maxWorkers || this.evictIdle(key))) {
      const slot = this.startSlot(key, s, spec)
      return slot.starting!.then(
        () => {
          this.fill(s, slot)
          return slot
        },
        (err: Error) => {
          const failure: CallOutcome = { ok: false, reason: 'load', message: err.message }
          // The others waiting on this key wait for the same code: they get the same answer.
          for (const w of s.waiters.splice(0)) w.resolve(failure)
          return failure
        },
      )
    }
    return new Promise((resolve) => s.waiters.push({ spec, resolve }))
  }

  private startSlot(key: string, s: KeyState, spec: WorkerSpec, spare = false): Slot {
    const slot: Slot = { generation: s.generation, inFlight: 1, spare, lastUsed: Date.now() }
    s.slots.push(slot)
    const onLog = (level: LogLevel, message: string) => this.options.onWorkerLog?.(key, level, message)
    const blank = s.spare
    s.spare = undefined
    const fresh = blank && !blank.worker.dead && blank.spec === processSpec(spec) ? blank.worker : undefined
    if (blank && !fresh) blank.worker.kill()
    const worker = fresh ?? DenoWorker.spawn(this.options.denoPath, spec, onLog)
    if (fresh) fresh.onStrayLog = onLog
    slot.starting = worker.init(spec.init).then(
      (worker) => {
        slot.worker = worker
        slot.starting = undefined
        worker.onExitOnce(() => this.remove(key, slot))
        if (this.stopped) worker.kill()
        else this.refillSpare(key, spec)
        return worker
      },
      (err: Error) => {
        slot.starting = undefined
        this.remove(key, slot)
        this.refillSpare(key, spec)
        throw err instanceof WorkerLoadError ? err : new WorkerLoadError(err.message)
      },
    )
    slot.starting.catch(() => undefined)
    return slot
  }

  /** A slot became free: an old generation goes; else the next waiter of its key takes it. */
  private released(key: string, slot: Slot): void {
    const s = this.keys.get(key)
    if (!s || !s.slots.includes(slot)) return this.serveWaiters()
    if (slot.generation !== s.generation || !slot.worker || slot.worker.dead) {
      if (slot.inFlight === 0) this.drop(key, slot)
      return
    }
    if (!this.fill(s, slot)) this.serveWaiters()
  }

  /** Gives waiters of the key the room `slot` has; true when it served any. */
  private fill(s: KeyState, slot: Slot): boolean {
    let served = false
    while (slot.inFlight < this.capacity && s.waiters.length) {
      slot.inFlight++
      s.waiters.shift()!.resolve(slot)
      served = true
    }
    return served
  }

  /** Someone waits on another key while this pool is full: free an idle worker for them. */
  private serveWaiters(): void {
    for (const [key, s] of this.keys) {
      const waiter = s.waiters[0]
      if (!waiter) continue
      if (s.slots.length >= this.options.maxPerKey) continue
      if (this.total() >= this.options.maxWorkers && !this.evictIdle(key)) return
      s.waiters.shift()
      void this.acquire(key, waiter.spec).then(waiter.resolve)
    }
  }

  private evictIdle(exceptKey: string): boolean {
    let oldest: { key: string; slot: Slot } | undefined
    for (const [key, s] of this.keys) {
      if (key === exceptKey) continue
      for (const slot of s.slots) if (slot.inFlight === 0 && !slot.starting && (!oldest || slot.lastUsed < oldest.slot.lastUsed)) oldest = { key, slot }
    }
    if (!oldest) return false
    this.drop(oldest.key, oldest.slot)
    return true
  }

  private drop(key: string, slot: Slot): void {
    this.remove(key, slot)
    slot.worker?.close()
  }

  private remove(key: string, slot: Slot): void {
    const s = this.keys.get(key)
    if (!s) return
    const i = s.slots.indexOf(slot)
    if (i >= 0) s.slots.splice(i, 1)
    if (!this.stopped) this.serveWaiters()
  }
}
