// rpc/rpc-service.ts — one call of /api/v1/rpc/{namespace}/{name}: find the procedure (or the public function it
// falls back to), check access, record the execution, run it (now, or in the background when async) and log it.
import crypto from 'node:crypto'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { mapPgError } from '../rest/execute/map-pg-error.js'
import type { SchemaStore } from '../rest/schema/schema-store.js'
import { callFunction, pickFunction } from './call-function.js'
import { checkAccess } from './check-access.js'
import { ExecutionStore, type Execution } from './execution-store.js'
import { getProcedure } from './procedure-store.js'
import type { Procedure } from './procedure-types.js'
import { runProcedure, type RunResult } from './run-procedure.js'

export interface CallRequest {
  namespace: string
  name: string
  params: Record<string, unknown>
  async: boolean
  identity: Identity
  requestId: string
}

export interface CallResponse {
  status: number
  body: Record<string, unknown>
}

/** An error that already has an execution record: the route renders it with execution_id and status. */
export class ExecutionError extends ApiError {
  constructor(override readonly cause: ApiError, readonly executionId: string) {
    super(cause.status, cause.code, cause.message, cause.details, cause.hint)
  }
}

/** A signed-in user is one caller; without a user id, everyone of the role is (anon shares one budget). */
function asyncCallerKey(identity: Identity): string {
  return identity.userId ? `user:${identity.userId}` : `role:${identity.appRole}`
}

export function createRpcService(ctx: ServerContext, schema: SchemaStore) {
  const executions = new ExecutionStore(ctx.pools.admin, ctx.logs)
  /** Async executions running, per caller (asyncCallerKey). */
  const asyncRunning = new Map<string, number>()

  async function resolve(req: CallRequest): Promise<{ proc?: Procedure; run: (opts: { onNotice: (n: { severity?: string; message: string }) => void }) => Promise<RunResult>; label: string }> {
    const proc = await getProcedure(ctx.pools.admin, req.namespace, req.name)
    if (proc && proc.enabled) {
      checkAccess(req.identity, proc)
      return {
        proc,
        label: `${proc.namespace}/${proc.name}`,
        run: (o) => runProcedure(ctx.pools.api, schema.current(), proc, req.identity, req.params, { requestId: req.requestId, onNotice: o.onNotice }),
      }
    }
    if (proc) throw new ApiError(404, 'NOT_FOUND', `procedure ${req.namespace}/${req.name} is disabled`)
    // Fallback (contract decision): the PostgreSQL function public.<name>, called with named arguments.
    let fn = req.namespace === 'default' || req.namespace === 'public' ? pickFunction(schema.current(), req.name, req.params) : undefined
    if (!fn && (req.namespace === 'default' || req.namespace === 'public')) {
      fn = pickFunction(await schema.refreshForMiss(), req.name, req.params)
    }
    if (!fn) throw new ApiError(404, 'NOT_FOUND', `procedure ${req.namespace}/${req.name} not found`, undefined, 'register it in rpc.procedures, or create the function public.' + req.name)
    return { label: `public.${fn.name}()`, run: (o) => callFunction(ctx.pools.api, fn!, req.identity, req.params, { requestId: req.requestId, onNotice: o.onNotice }) }
  }

  async function execute(req: CallRequest, target: Awaited<ReturnType<typeof resolve>>, execution: Execution, record: boolean): Promise<RunResult> {
    const started = Date.now()
    if (record) {
      execution.started_at = new Date().toISOString()
      void executions.update(execution.id, { status: 'running', started_at: execution.started_at })
      executions.log(execution.id, 'info', `Starting RPC execution: ${target.label}`)
    }
    try {
      const result = await target.run({ onNotice: (n) => record && executions.log(execution.id, (n.severity ?? 'notice').toLowerCase(), n.message) })
      if (record) {
        executions.log(execution.id, 'info', `Query executed successfully. Rows returned: ${result.rowsReturned}`)
        void executions.update(execution.id, { status: 'completed', result: result.rows, rows_returned: result.rowsReturned, duration_ms: Date.now() - started, completed_at: new Date().toISOString() })
      }
      return result
    } catch (err) {
      const mapped = await mapPgError(err, { admin: ctx.pools.admin, identity: req.identity, op: 'execute' })
      const apiErr = mapped instanceof ApiError ? mapped : new ApiError(500, 'INTERNAL_ERROR', 'the procedure failed')
      if (!(mapped instanceof ApiError)) {
        ctx.logs.log({ category: 'system', level: 'error', component: 'rpc', request_id: req.requestId, execution_id: execution.id, message: `procedure ${target.label} failed: ${(err as Error).message}` })
      }
      if (record) {
        executions.log(execution.id, 'error', apiErr.message)
        void executions.update(execution.id, { status: apiErr.status === 504 ? 'timeout' : 'failed', error_message: apiErr.message, duration_ms: Date.now() - started, completed_at: new Date().toISOString() })
      }
      throw new ExecutionError(apiErr, execution.id)
    }
  }

  return {
    executions,
    async call(req: CallRequest): Promise<CallResponse> {
      const target = await resolve(req)
      const record = !target.proc?.disableExecutionLogs
      const execution: Execution = {
        id: crypto.randomUUID(),
        procedure_id: target.proc?.id ?? null,
        procedure_name: target.proc?.name ?? req.name,
        namespace: target.proc?.namespace ?? req.namespace,
        status: 'pending',
        input_params: req.params,
        result: null,
        error_message: null,
        rows_returned: null,
        duration_ms: null,
        user_id: req.identity.userId,
        user_role: req.identity.appRole,
        user_email: typeof req.identity.claims.email === 'string' ? req.identity.claims.email : null,
        is_async: req.async,
        created_at: new Date().toISOString(),
        started_at: null,
        completed_at: null,
      }
      if (req.async) {
        // Each async call holds a connection until it ends: a few callers must not be able to take them all.
        const key = asyncCallerKey(req.identity)
        const mine = asyncRunning.get(key) ?? 0
        if (mine >= ctx.config.limits.asyncRpcPerCaller) {
          throw new ApiError(429, 'TOO_MANY_ASYNC_EXECUTIONS', `${mine} async executions of this caller are still running: at most ${ctx.config.limits.asyncRpcPerCaller} at once`, undefined, 'wait for one to finish (GET /api/v1/rpc/executions/{id}), or call without async')
        }
        asyncRunning.set(key, mine + 1)
        // The record must exist before the id is handed out: the caller polls it next.
        const done = () => {
          const n = (asyncRunning.get(key) ?? 1) - 1
          if (n > 0) asyncRunning.set(key, n)
          else asyncRunning.delete(key)
        }
        try {
          await executions.create(execution)
        } catch (err) {
          done()
          throw err
        }
        void execute(req, target, execution, true).catch(() => undefined).finally(done)
        return { status: 202, body: { execution_id: execution.id, status: 'pending' } }
      }
      if (record) void executions.create(execution)
      const started = Date.now()
      const result = await execute(req, target, execution, record)
      return {
        status: 200,
        body: { execution_id: execution.id, status: 'completed', result: result.rows, rows_returned: result.rowsReturned, duration_ms: Date.now() - started },
      }
    },
  }
}

export type RpcService = ReturnType<typeof createRpcService>
