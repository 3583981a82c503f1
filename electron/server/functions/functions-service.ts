// functions/functions-service.ts — edge functions end to end, below HTTP: the folder's catalog (watched), the Deno
// pool their workers run in, and one invocation: tokens and environment in, the host's answer, its log lines and
// its execution record out. The invoke route (invoke-route.ts) does the checks before and the reply after.
import crypto from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import type { ServerContext } from '../context.js'
import type { Identity } from '../identity.js'
import { DenoPool } from '../deno/deno-pool.js'
import { denoBinary } from '../deno/deno-binary.js'
import type { CallFailure, CallOutcome, WorkerSpec } from '../deno/deno-worker.js'
import { explainLoadError, FunctionCatalog, type FunctionEntry } from './function-catalog.js'
import { functionWorkerSpec } from './function-worker-spec.js'
import { functionHostScript } from './host-bundle.js'
import { ExecutionHistory, type Execution } from './execution-history.js'
import { ExecutionStore } from './execution-store.js'
import { secretsStoreFor } from './secrets-store.js'
import { mintCallTokens } from './function-tokens.js'
import type { CallerUser, InvokePayload, InvokeResult } from './deno-host/host-messages.js'

export interface InvokeRequest {
  method: string
  url: string
  headers: Array<[string, string]>
  body: Buffer | undefined
  caller: Identity
  requestId: string
}

export type InvokeOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'thrown'; message: string; stack: string }
  | { kind: 'failed'; reason: CallFailure | 'host'; message: string }

export interface FunctionsServiceOptions {
  functionsDir: string
  /** Workers per function and in all. */
  workersPerFunction?: number
  maxWorkers?: number
  /** Calls one worker runs at once (DEFAULT_CALLS_PER_WORKER); more start another worker of the function. */
  callsPerWorker?: number
}

/**
 * Concurrent calls share a worker up to this: one process hand-off and one write for a burst of calls rather than
 * one each (the functions bench: the hand-offs between processes, not the work, were most of a trivial call's
 * cost). A call that kills its worker (timeout, memory cap, exit) ends the others in flight on it, each told why.
 */
export const DEFAULT_CALLS_PER_WORKER = 8

export function defaultWorkersPerFunction(cores = os.availableParallelism?.() ?? os.cpus().length): number {
  return Math.max(2, Math.min(8, cores * 2))
}

export class FunctionsService {
  readonly catalog: FunctionCatalog
  readonly history: ExecutionHistory
  readonly store: ExecutionStore
  readonly pool: DenoPool
  private readonly secrets
  private hostScript: Promise<string>
  private readonly tmpRoot: string
  private readonly specs = new Map<string, { version: number; spec: WorkerSpec }>()

  constructor(private readonly ctx: ServerContext, readonly options: FunctionsServiceOptions) {
    const perFunction = options.workersPerFunction ?? defaultWorkersPerFunction()
    this.pool = new DenoPool({
      denoPath: denoBinary(),
      maxPerKey: perFunction,
      maxInFlight: options.callsPerWorker ?? DEFAULT_CALLS_PER_WORKER,
      maxWorkers: options.maxWorkers ?? Math.max(16, perFunction),
      onWorkerLog: (key, level, message) => ctx.logs.log({ category: 'execution', level, component: 'functions', message: `${key}: ${message}`, fields: { function: key } }),
    })
    this.history = new ExecutionHistory(ctx.logs)
    this.store = new ExecutionStore(ctx.pools.api, (message) => ctx.logs.log({ category: 'system', level: 'error', component: 'functions', message }))
    this.secrets = secretsStoreFor(ctx)
    this.tmpRoot = path.join(os.tmpdir(), `fluxbase-functions-${crypto.randomBytes(6).toString('hex')}`)
    this.hostScript = functionHostScript()
    this.catalog = new FunctionCatalog(options.functionsDir, (names) => this.changed(names))
  }

  async start(): Promise<void> {
    const [, earlier] = await Promise.all([this.hostScript, this.store.newest(this.history.capacity)])
    this.history.restore(earlier)
    this.catalog.start()
  }

  async stop(): Promise<void> {
    await this.store.flush()
    this.catalog.stop()
    await this.pool.stop()
    await import('node:fs').then((fs) => fs.rmSync(this.tmpRoot, { recursive: true, force: true }))
  }

  /** Re-reads the folder now (POST /admin/functions/reload); the watcher does the same on every save. */
  reload(): string[] {
    const changed = this.catalog.rescan()
    if (changed.length) this.changed(changed)
    return changed
  }

  /**
   * Code changed: old workers go, and a new one starts loading at once so the next call finds it warm — for
   * functions that were in use, new or not yet checked (a change in `_shared/` does not start every function).
   */
  private changed(names: string[]): void {
    for (const name of names) {
      const inUse = this.pool.workerCount(name) > 0
      const fn = this.catalog.get(name)
      if (!fn || fn.state === 'disabled') {
        this.pool.forget(name)
        continue
      }
      this.pool.retire(name)
      if (inUse || fn.state === 'loading' || fn.state === 'error') void this.load(fn)
    }
  }

  private async load(fn: FunctionEntry): Promise<void> {
    const version = fn.version
    let error: string | undefined
    try {
      error = await this.pool.warm(fn.name, await this.spec(fn))
    } catch (err) {
      error = (err as Error).message
    }
    this.catalog.setLoadResult(fn.name, version, error)
    if (error) this.ctx.logs.log({ category: 'execution', level: 'error', component: 'functions', message: `function ${fn.name} failed to load: ${error.split('\n')[0]}`, fields: { function: fn.name, error } })
  }

  /** Built once per version of the function (it writes the function's deno.json). */
  private async spec(fn: FunctionEntry): Promise<WorkerSpec> {
    const hit = this.specs.get(fn.name)
    if (hit && hit.version === fn.version) return hit.spec
    const spec = functionWorkerSpec(fn, { functionsDir: this.catalog.dir, hostScript: await this.hostScript, tmpRoot: this.tmpRoot, denoDir: path.join(this.ctx.config.dataDir, 'deno-cache') })
    this.specs.set(fn.name, { version: fn.version, spec })
    return spec
  }

  async invoke(fn: FunctionEntry, req: InvokeRequest): Promise<{ outcome: InvokeOutcome; execution: Execution }> {
    const started = performance.now()
    const executionId = crypto.randomUUID()
    const c = req.caller
    const user: CallerUser | null = c.userId ? { id: c.userId, email: typeof c.claims.email === 'string' ? c.claims.email : undefined, role: c.appRole, session_id: typeof c.claims.session_id === 'string' ? c.claims.session_id : undefined } : null
    const execution: Execution = {
      id: executionId,
      function_id: fn.name,
      function_name: fn.name,
      namespace: fn.namespace,
      trigger_type: 'http',
      status: 'running',
      status_code: null,
      duration_ms: null,
      error_message: null,
      logs: '',
      request_id: req.requestId,
      method: req.method,
      user_id: c.userId,
      user_role: c.appRole,
      request_bytes: req.body?.length ?? 0,
      response_bytes: null,
      executed_at: new Date().toISOString(),
      completed_at: null,
    }
    this.history.start(execution, fn.settings.disableExecutionLogs)
    const tokens = mintCallTokens(this.ctx.keys.secret, c, executionId, fn.settings.timeoutSeconds)
    const env: Record<string, string> = {
      ...(await this.secrets.envFor(fn.namespace, c.userId)),
      FLUXBASE_URL: this.ctx.apiUrl,
      FLUXBASE_ANON_KEY: this.ctx.keys.anonKey,
      FLUXBASE_USER_TOKEN: tokens.user,
      FLUXBASE_SERVICE_TOKEN: tokens.service,
      FLUXBASE_EXECUTION_ID: executionId,
      FLUXBASE_FUNCTION_NAME: fn.name,
      FLUXBASE_FUNCTION_NAMESPACE: fn.namespace,
      FLUXBASE_FUNCTION_CANCELLED: 'false',
    }
    const payload: InvokePayload = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: req.body?.length ? req.body.toString('base64') : null,
      env,
      user,
      context: { execution_id: executionId, function_name: fn.name, namespace: fn.namespace, user },
    }
    let result: CallOutcome
    try {
      result = await this.pool.run(fn.name, await this.spec(fn), payload, {
        timeoutMs: Math.round(fn.settings.timeoutSeconds * 1000),
        onLog: (level, message) => this.history.line(executionId, level, message),
      })
    } catch (err) {
      result = { ok: false, reason: 'load', message: (err as Error).message }
    }
    const outcome = toOutcome(result)
    if (result.ok === false && result.reason === 'load') this.catalog.setLoadResult(fn.name, fn.version, result.message)
    if (outcome.kind === 'thrown') this.history.line(executionId, 'error', outcome.stack || outcome.message)
    else if (outcome.kind === 'failed') this.history.line(executionId, 'error', outcome.message)
    const status = outcome.kind === 'response' ? outcome.status : outcome.kind === 'failed' && outcome.reason === 'timeout' ? 504 : 500
    const done = this.history.finish(executionId, {
      status: outcome.kind === 'failed' ? 'error' : outcome.kind === 'thrown' ? 'error' : 'success',
      status_code: status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      error_message: outcome.kind === 'thrown' || outcome.kind === 'failed' ? outcome.message : null,
      response_bytes: outcome.kind === 'response' ? outcome.body.length : null,
      completed_at: new Date().toISOString(),
    })
    if (done && !this.history.isQuiet(executionId)) this.store.record(done)
    return { outcome, execution: done ?? execution }
  }
}

function toOutcome(result: CallOutcome): InvokeOutcome {
  if (!result.ok) return { kind: 'failed', reason: result.reason, message: result.reason === 'load' ? explainLoadError(result.message) : result.message }
  const r = result.payload as InvokeResult
  if ('thrown' in r) return { kind: 'thrown', message: r.thrown.message, stack: r.thrown.stack }
  if ('hostError' in r) return { kind: 'failed', reason: 'host', message: r.hostError }
  return { kind: 'response', status: r.status, headers: r.headers, body: Buffer.from(r.body, 'base64') }
}
