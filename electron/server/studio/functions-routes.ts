// studio/functions-routes.ts — the studio's Functions view, under /studio/api/functions (studio token, never the
// service key): the functions with their state, error location, annotations and last invocations; one function;
// its executions page by page; one execution with its log lines. Invoking stays the real endpoint
// (/api/v1/functions/:name/invoke) called with a chosen identity's token (studio/compute-routes.ts mints it).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { checkStudioToken } from './studio-auth.js'
import { functionsServiceOf } from '../functions/functions-routes.js'
import type { FunctionsService } from '../functions/functions-service.js'
import type { FunctionEntry } from '../functions/function-catalog.js'
import { functionJson } from '../functions/admin-routes.js'
import { invalidFunctionName } from '../functions/function-files.js'
import { executionLines, executionsPage, type ExecutionsQuery } from '../functions/function-reads.js'

/** How many of a function's newest invocations the list shows beside it. */
const RECENT = 5

export const FUNCTIONS_OFF_HINT = 'edge functions are off: start the runtime with --functions-dir DIR (the folder of your functions)'

export async function registerStudioFunctionsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  function serviceFor(request: FastifyRequest): FunctionsService {
    checkStudioToken(request, ctx.studioToken)
    const service = functionsServiceOf(ctx)
    if (!service) throw new ApiError(404, 'FUNCTIONS_OFF', FUNCTIONS_OFF_HINT)
    return service
  }
  function entryOf(service: FunctionsService, request: FastifyRequest): FunctionEntry {
    const { name } = request.params as { name: string }
    const problem = invalidFunctionName(name)
    if (problem) throw new ApiError(400, 'INVALID_FUNCTION_NAME', problem)
    const fn = service.catalog.get(name)
    if (!fn) throw new ApiError(404, 'NOT_FOUND', `no function "${name}" in ${service.catalog.dir}`)
    return fn
  }
  function viewJson(service: FunctionsService, fn: FunctionEntry) {
    const recent = service.history.list({ functionName: fn.name }).slice(0, RECENT)
    return {
      ...functionJson(fn, service.catalog.dir),
      invoke_path: `/api/v1/functions/${fn.name}/invoke`,
      recent_executions: recent.map((e) => ({ id: e.id, status: e.status, status_code: e.status_code, duration_ms: e.duration_ms, method: e.method, user_id: e.user_id, user_role: e.user_role, executed_at: e.executed_at, request_id: e.request_id })),
    }
  }

  app.get('/studio/api/functions', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const service = functionsServiceOf(ctx)
    if (!service) return { enabled: false, hint: FUNCTIONS_OFF_HINT, dir: null, functions: [] }
    const functions = service.catalog
      .list()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((fn) => viewJson(service, fn))
    return { enabled: true, dir: service.catalog.dir, functions }
  })

  app.get('/studio/api/functions/:name', async (request) => {
    const service = serviceFor(request)
    return viewJson(service, entryOf(service, request))
  })

  app.get('/studio/api/functions/:name/executions', async (request) => {
    const service = serviceFor(request)
    const fn = entryOf(service, request)
    const q = request.query as ExecutionsQuery
    return executionsPage(service, { ...q, function_name: fn.name, namespace: undefined }, { limit: 50, maxLimit: 1000 })
  })

  app.get('/studio/api/functions/:name/executions/:id', async (request) => {
    const service = serviceFor(request)
    const fn = entryOf(service, request)
    const { id } = request.params as { id: string }
    const { execution, entries } = executionLines(service, id, (request.query as { after_line?: unknown }).after_line)
    if (execution.function_name !== fn.name) throw new ApiError(404, 'NOT_FOUND', `execution ${id.slice(0, 64)} is not an execution of ${fn.name}`)
    return { execution, entries, count: entries.length }
  })
}
