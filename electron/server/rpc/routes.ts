// rpc/routes.ts — /api/v1/rpc: call a procedure (POST /{namespace}/{name}, or /{name} in `default`), list
// procedures, poll executions and their logs; /api/v1/admin/rpc: manage the registry (service role).
import fs from 'node:fs/promises'
import path from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { errorBody } from '../http/error-handler.js'
import type { Identity } from '../identity.js'
import { schemaStoreFor } from '../rest/schema/schema-store.js'
import { useRawJsonBodies, type RawJsonBody } from '../rest/request/raw-json-body.js'
import { checkAccess, isPrivileged } from './check-access.js'
import { parseProcedureFile } from './parse-annotations.js'
import { deleteProcedure, listProcedures, procedureJson, upsertProcedure } from './procedure-store.js'
import { createRpcService, ExecutionError } from './rpc-service.js'
import { syncProcedureFiles } from './sync-procedure-files.js'

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/

export async function registerRpcRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const schema = await schemaStoreFor(ctx)
  const service = createRpcService(ctx, schema)
  await syncConfiguredFolder(ctx)

  /** Auth is optional here (anon may call public procedures); admins may act as someone else (contract §2). */
  async function caller(request: FastifyRequest): Promise<Identity> {
    let identity = await ctx.identify(request, { required: false })
    const impersonation = request.headers['x-impersonation-token']
    if (typeof impersonation === 'string' && impersonation) {
      if (!isPrivileged(identity)) throw new ApiError(403, 'FORBIDDEN', 'X-Impersonation-Token needs an admin or service-role caller')
      identity = await ctx.identifyToken(impersonation)
    }
    ;(request as FastifyRequest & { identity?: Identity }).identity = identity
    return identity
  }

  async function call(request: FastifyRequest, reply: FastifyReply, namespace: string, name: string) {
    if (!NAME.test(namespace) || !NAME.test(name)) throw new ApiError(404, 'NOT_FOUND', `procedure ${namespace}/${name} not found`)
    const identity = await caller(request)
    const body = (request.body as RawJsonBody | undefined)?.value ?? {}
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'VALIDATION_ERROR', 'the body must be a JSON object: {"params": {...}, "async": false}')
    const b = body as Record<string, unknown>
    const rawParams = 'params' in b ? b.params ?? {} : Object.fromEntries(Object.entries(b).filter(([k]) => k !== 'async'))
    if (typeof rawParams !== 'object' || rawParams === null || Array.isArray(rawParams)) throw new ApiError(400, 'VALIDATION_ERROR', '"params" must be a JSON object')
    try {
      const res = await service.call({ namespace, name, params: rawParams as Record<string, unknown>, async: b.async === true, identity, requestId: request.id })
      return reply.status(res.status).send(res.body)
    } catch (err) {
      if (err instanceof ExecutionError) {
        // A failed call is an HTTP error (contract decision), still carrying its execution id.
        return reply.status(err.status).send({ ...errorBody(err, request.id), execution_id: err.executionId, status: err.status === 504 ? 'timeout' : 'failed' })
      }
      throw err
    }
  }

  async function requireAdmin(request: FastifyRequest): Promise<Identity> {
    const identity = await ctx.identify(request)
    if (!isPrivileged(identity)) throw new ApiError(403, 'FORBIDDEN', 'managing procedures requires the service role')
    return identity
  }

  await app.register(async (scope) => {
    useRawJsonBodies(scope)

    scope.get('/api/v1/rpc/procedures', async (request) => {
      const identity = await caller(request)
      const ns = (request.query as { namespace?: string }).namespace
      const visible = (await listProcedures(ctx.pools.admin, ns || undefined)).filter((p) => {
        if (isPrivileged(identity)) return true
        if (!p.enabled) return false
        try {
          checkAccess(identity, p)
          return true
        } catch {
          return false
        }
      })
      return { procedures: visible.map(procedureJson), count: visible.length }
    })

    scope.get('/api/v1/rpc/executions/:id', async (request) => {
      const identity = await caller(request)
      const execution = await service.executions.get((request.params as { id: string }).id)
      if (!execution || (!isPrivileged(identity) && (!identity.userId || execution.user_id !== identity.userId))) {
        throw new ApiError(404, 'NOT_FOUND', 'execution not found')
      }
      return execution
    })

    scope.get('/api/v1/rpc/executions/:id/logs', async (request) => {
      const identity = await caller(request)
      const id = (request.params as { id: string }).id
      const execution = await service.executions.get(id)
      if (!execution || (!isPrivileged(identity) && (!identity.userId || execution.user_id !== identity.userId))) {
        throw new ApiError(404, 'NOT_FOUND', 'execution not found')
      }
      const q = request.query as { after?: string; after_line?: string }
      const after = Number.parseInt(q.after ?? q.after_line ?? '0', 10) || 0
      const logs = await service.executions.logLines(id, after)
      return { logs, count: logs.length }
    })

    scope.post('/api/v1/rpc/:namespace/:name', (request, reply) => {
      const p = request.params as { namespace: string; name: string }
      return call(request, reply, p.namespace, p.name)
    })
    scope.post('/api/v1/rpc/:name', (request, reply) => call(request, reply, 'default', (request.params as { name: string }).name))

    scope.get('/api/v1/admin/rpc/procedures', async (request) => {
      await requireAdmin(request)
      const procedures = await listProcedures(ctx.pools.admin)
      return { procedures: procedures.map(procedureJson), count: procedures.length }
    })

    scope.post('/api/v1/admin/rpc/procedures', async (request, reply) => {
      await requireAdmin(request)
      const b = ((request.body as RawJsonBody | undefined)?.value ?? {}) as { code?: unknown; name?: unknown; namespace?: unknown }
      if (typeof b.code !== 'string' || !b.code.trim()) throw new ApiError(400, 'VALIDATION_ERROR', '"code" (the annotated SQL of the procedure) is required')
      const namespace = typeof b.namespace === 'string' && b.namespace ? b.namespace : 'default'
      const def = parseProcedureFile(b.code, typeof b.name === 'string' ? b.name : '', namespace)
      if (typeof b.name === 'string' && b.name) def.name = b.name
      if (!NAME.test(def.name) || !NAME.test(def.namespace)) throw new ApiError(400, 'VALIDATION_ERROR', `"${def.namespace}/${def.name}" is not a valid procedure name`)
      if (!def.sqlQuery) throw new ApiError(400, 'VALIDATION_ERROR', 'the procedure has no SQL besides its annotations')
      return reply.status(201).send(procedureJson(await upsertProcedure(ctx.pools.admin, def, 'api')))
    })

    scope.delete('/api/v1/admin/rpc/procedures/:namespace/:name', async (request) => {
      await requireAdmin(request)
      const p = request.params as { namespace: string; name: string }
      if (!(await deleteProcedure(ctx.pools.admin, p.namespace, p.name))) throw new ApiError(404, 'NOT_FOUND', `procedure ${p.namespace}/${p.name} not found`)
      return { success: true, message: `procedure ${p.namespace}/${p.name} deleted` }
    })

    scope.post('/api/v1/admin/rpc/sync', async (request) => {
      await requireAdmin(request)
      const b = ((request.body as RawJsonBody | undefined)?.value ?? {}) as { dir?: unknown }
      if (typeof b.dir !== 'string' || !b.dir) throw new ApiError(400, 'VALIDATION_ERROR', '"dir" (a folder of annotated .sql files) is required')
      const dir = await projectFolder(ctx, b.dir)
      try {
        const result = await syncProcedureFiles(ctx.pools.admin, dir)
        return { synced: result.synced.map((p) => `${p.namespace}/${p.name}`), removed: result.removed }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') throw new ApiError(400, 'VALIDATION_ERROR', `cannot read ${b.dir}: ${code}`)
        throw err
      }
    })
  })
}

/**
 * `dir` as a real path inside the project folder or the configured --rpc-dir (relative: to the project folder). The
 * server may run as root: a service-role key must not make it read any folder on the machine.
 */
async function projectFolder(ctx: ServerContext, dir: string): Promise<string> {
  const roots = [ctx.config.projectDir, ctx.config.rpcDir].filter((r): r is string => !!r)
  let real: string
  try {
    real = await fs.realpath(path.resolve(ctx.config.projectDir, dir))
  } catch (err) {
    throw new ApiError(400, 'VALIDATION_ERROR', `cannot read ${dir}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
  for (const root of roots) {
    const realRoot = await fs.realpath(root).catch(() => path.resolve(root))
    if (real === realRoot || real.startsWith(realRoot + path.sep)) return real
  }
  throw new ApiError(403, 'FORBIDDEN', `${dir} is outside the project's folders: sync reads only ${roots.join(' or ')} and their subfolders`)
}

/** A project folder of procedure files, when the runtime is given one (config `rpcDir`), is synced at start. */
async function syncConfiguredFolder(ctx: ServerContext): Promise<void> {
  const dir = ctx.config.rpcDir
  if (!dir) return
  try {
    const { synced, removed } = await syncProcedureFiles(ctx.pools.admin, dir)
    ctx.logs.log({ category: 'system', level: 'info', component: 'rpc', message: `procedures from ${dir}: ${synced.length} synced, ${removed.length} removed` })
  } catch (err) {
    ctx.logs.log({ category: 'system', level: 'warn', component: 'rpc', message: `could not sync procedures from ${dir}: ${(err as Error).message}` })
  }
}
