// rest/rest-handler.ts — one REST request through the pipeline: identity → request + plan (pure, plan-request.ts)
// → sql + execute → response. This file only wires the stages and maps database errors.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import type { SchemaStore } from './schema/schema-store.js'
import { planRequest, type RequestInput, type RestMethod } from './plan/plan-request.js'
import { findRelation } from './plan/resolve-names.js'
import type { PlanOptions } from './plan/plan-read.js'
import { executeRead } from './execute/execute-read.js'
import { executeWrite } from './execute/execute-write.js'
import { mapPgError, type Operation } from './execute/map-pg-error.js'
import { renderRead, renderWrite, wantsObject } from './response/render.js'
import { resolveTarget } from './resolve-target.js'
import { narrowSuggestions } from './name-privileges.js'
import type { RawJsonBody } from './request/raw-json-body.js'

const OBJECT = 'application/vnd.pgrst.object+json'

/** Names the schema cache does not know: a column or relationship added a moment ago may be why. */
const STALE_CODES = new Set(['42703', 'PGRST200', 'PGRST204'])

/**
 * Plans the request; when a name is unknown and the cache is more than a second old, once more after a reload.
 * The DDL event trigger normally keeps the cache current; this covers servers where it could not be installed.
 */
async function planWithFreshCache(store: SchemaStore, input: RequestInput, options: PlanOptions) {
  try {
    return planRequest(store.current(), input, options)
  } catch (err) {
    if (!(err instanceof ApiError) || !STALE_CODES.has(err.code)) throw err
    const before = store.current().version
    const cache = await store.refreshIfOlderThan(1000)
    if (cache.version === before) throw err
    const relation = findRelation(cache, input.relation.schema, input.relation.name)
    if (!relation) throw err
    return planRequest(cache, { ...input, relation }, options)
  }
}

/** One-to-many embeds multiply: a response past the limit is refused whole, rather than sent half-built. */
function refuseOversized(body: string, limit: number): void {
  // Characters first: a string never has more UTF-8 bytes than 3 × its length.
  if (body.length * 3 <= limit) return
  const bytes = Buffer.byteLength(body)
  if (bytes <= limit) return
  throw new ApiError(400, 'PGRST_RESPONSE_TOO_LARGE', `the response would be ${bytes} bytes, more than the ${limit}-byte limit (--max-response-bytes)`, undefined,
    'select fewer rows or columns, limit the embedded rows (e.g. children.limit=100), or page with limit and offset')
}

export function createRestHandler(ctx: ServerContext, store: SchemaStore) {
  const maxPageSize = ctx.config.maxPageSize
  const options = { maxPageSize, maxEmbedRows: ctx.config.limits.maxEmbedRows }

  return async function handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const method = request.method as RestMethod
    const identity: Identity = await ctx.identify(request)
    ;(request as FastifyRequest & { identity?: Identity }).identity = identity
    const profile = (method === 'GET' || method === 'HEAD' ? request.headers['accept-profile'] : request.headers['content-profile']) as string | undefined
    const narrow = (err: unknown) => narrowSuggestions(err, ctx.pools.admin, identity)
    const target = await resolveTarget(store, (request.params as { '*': string })['*'] ?? '', method, profile).catch(narrow)
    const rel = target.relation
    const q = request.url.indexOf('?')
    const raw = request.body as RawJsonBody | undefined
    const body = raw?.value
    const input = { method, relation: rel, queryFallback: target.queryFallback, id: target.id, query: q < 0 ? '' : request.url.slice(q + 1), prefer: request.headers.prefer, body, rawBody: raw?.raw }
    const planned = await planWithFreshCache(store, input, options).catch(narrow)
    const prefer = planned.prefer
    const op: Operation = planned.kind === 'read' ? 'select' : planned.plan.kind === 'insert' ? (prefer.resolution ? 'upsert' : 'insert') : planned.plan.kind
    const run = { requestId: request.id, rollback: prefer.tx === 'rollback', maxPageSize }
    const fail = async (err: unknown): Promise<never> => {
      throw await mapPgError(err, { admin: ctx.pools.admin, identity, op, target: { schema: rel.schema, name: rel.name } })
    }

    if (planned.kind === 'read') {
      const outcome = await executeRead(ctx.pools.api, identity, planned.plan, run).catch(fail)
      if (target.id !== undefined && outcome.n === 0) throw new ApiError(404, 'PGRST116', 'Record not found')
      refuseOversized(outcome.body, ctx.config.limits.maxResponseBytes)
      const accept = target.id !== undefined ? OBJECT : request.headers.accept
      return renderRead(reply, outcome, planned.plan.offset, { accept, head: method === 'HEAD' })
    }

    const plan = planned.plan
    const outcome = await executeWrite(ctx.pools.api, identity, plan, run).catch(fail)
    const singleObject = method === 'POST' && body !== null && typeof body === 'object' && !Array.isArray(body)
    if (singleObject && plan.kind === 'insert' && plan.onConflict?.action === 'merge' && outcome.affected === 0) {
      // Contract §1.6: a single-object upsert that wrote nothing was refused by row-level security.
      throw new ApiError(identity.dbRole === 'anon' ? 401 : 403, 'RLS_POLICY_VIOLATION', `row-level security refused the upsert into ${rel.schema}.${rel.name}`)
    }
    if (target.id !== undefined && outcome.affected === 0) throw new ApiError(404, 'PGRST116', 'Record not found')
    const accept = target.id !== undefined && method !== 'DELETE' ? OBJECT : request.headers.accept
    return renderWrite(reply, outcome, { method: method as 'POST' | 'PATCH' | 'DELETE', prefer, singleObject, accept: wantsObject(accept) ? accept : undefined })
  }
}
