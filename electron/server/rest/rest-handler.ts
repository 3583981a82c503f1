// rest/rest-handler.ts — one REST request through the pipeline: identity → request → plan → sql → execute →
// response. The stages are pure except execute; this file only wires them and maps database errors.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import type { SchemaStore } from './schema/schema-store.js'
import type { ReadRequest } from './request/request-types.js'
import { parseQueryString } from './request/parse-query-string.js'
import { parseQueryBody } from './request/parse-query-body.js'
import { parsePrefer } from './request/parse-prefer.js'
import { planRead } from './plan/plan-read.js'
import { planDelete, planInsert, planUpdate } from './plan/plan-write.js'
import { executeRead } from './execute/execute-read.js'
import { executeWrite } from './execute/execute-write.js'
import { mapPgError, type Operation } from './execute/map-pg-error.js'
import { renderRead, renderWrite, wantsObject } from './response/render.js'
import { resolveTarget, type Target } from './resolve-target.js'
import type { RawJsonBody } from './request/raw-json-body.js'

type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE'

/** `…/{schema}/{table}/{id}`: a primary-key filter, as upstream's by-id routes. */
function addIdFilter(target: Target, request: ReadRequest): void {
  const pk = target.relation.primaryKey
  if (pk.length !== 1) throw new ApiError(400, 'PGRST100', `'${target.relation.name}' has no single-column primary key to address rows by id`)
  request.levels.get('')!.conditions.push({ kind: 'filter', path: { column: pk[0], json: [] }, negate: false, op: 'eq', value: target.id! })
}

export function createRestHandler(ctx: ServerContext, store: SchemaStore) {
  const maxPageSize = ctx.config.maxPageSize
  const options = { maxPageSize }

  return async function handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const method = request.method as Method
    const identity: Identity = await ctx.identify(request)
    ;(request as FastifyRequest & { identity?: Identity }).identity = identity
    const profile = (method === 'GET' || method === 'HEAD' ? request.headers['accept-profile'] : request.headers['content-profile']) as string | undefined
    const path = (request.params as { '*': string })['*'] ?? ''
    const target = await resolveTarget(store, path, method, profile)
    const rel = target.relation
    const qIndex = request.url.indexOf('?')
    const query = qIndex < 0 ? '' : request.url.slice(qIndex + 1)
    const prefer = parsePrefer(request.headers.prefer)
    const body = (request.body as RawJsonBody | undefined)?.value
    const isRead = method === 'GET' || method === 'HEAD' || target.queryFallback
    const readRequest = target.queryFallback ? parseQueryBody(body) : parseQueryString(query)
    if (target.id !== undefined) addIdFilter(target, readRequest)
    readRequest.count ??= prefer.count
    const cache = store.current()
    const op: Operation = isRead ? 'select' : method === 'POST' ? (prefer.resolution ? 'upsert' : 'insert') : method === 'PATCH' ? 'update' : 'delete'
    const run = { requestId: request.id, rollback: prefer.tx === 'rollback', maxPageSize }
    const fail = async (err: unknown): Promise<never> => {
      throw await mapPgError(err, { admin: ctx.pools.admin, identity, op, target: { schema: rel.schema, name: rel.name } })
    }

    if (isRead) {
      const plan = planRead(cache, rel, readRequest, options)
      const outcome = await executeRead(ctx.pools.api, identity, plan, run).catch(fail)
      if (target.id !== undefined && outcome.n === 0) throw new ApiError(404, 'PGRST116', 'Record not found')
      const accept = target.id !== undefined ? 'application/vnd.pgrst.object+json' : request.headers.accept
      return renderRead(reply, outcome, plan.offset, { accept, head: method === 'HEAD' })
    }

    const plan =
      method === 'POST'
        ? planInsert(cache, rel, readRequest, prefer, body, options)
        : method === 'PATCH'
          ? planUpdate(cache, rel, readRequest, prefer, body, options)
          : planDelete(cache, rel, readRequest, prefer, options)
    const outcome = await executeWrite(ctx.pools.api, identity, plan, run).catch(fail)
    const singleObject = method === 'POST' && body !== null && typeof body === 'object' && !Array.isArray(body)
    if (singleObject && plan.kind === 'insert' && plan.onConflict?.action === 'merge' && outcome.affected === 0) {
      // Contract §1.6: a single-object upsert that wrote nothing was refused by row-level security.
      throw new ApiError(identity.dbRole === 'anon' ? 401 : 403, 'RLS_POLICY_VIOLATION', `row-level security refused the upsert into ${rel.schema}.${rel.name}`)
    }
    if (target.id !== undefined && outcome.affected === 0) throw new ApiError(404, 'PGRST116', 'Record not found')
    const accept = target.id !== undefined && method !== 'DELETE' ? 'application/vnd.pgrst.object+json' : request.headers.accept
    return renderWrite(reply, outcome, { method: method as 'POST' | 'PATCH' | 'DELETE', prefer, singleObject, accept: wantsObject(accept) ? accept : undefined })
  }
}
