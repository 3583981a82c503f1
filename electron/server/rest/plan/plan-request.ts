// rest/plan/plan-request.ts — the pure middle of a REST request: method + target + query string / body + Prefer →
// the read or write plan. No I/O: rest-handler.ts calls it between identity and execution, and the fuzz test calls
// it to know which statements may legitimately reach PostgreSQL for a given request.
import { ApiError } from '../../errors.js'
import type { Relation, SchemaCache } from '../schema/schema-types.js'
import type { Prefer, ReadRequest } from '../request/request-types.js'
import { parseQueryString } from '../request/parse-query-string.js'
import { parseQueryBody } from '../request/parse-query-body.js'
import { parsePrefer } from '../request/parse-prefer.js'
import type { ReadPlan, WritePlan } from './plan-types.js'
import { planRead, type PlanOptions } from './plan-read.js'
import { planDelete, planInsert, planUpdate } from './plan-write.js'

export type RestMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE'

export interface RequestInput {
  method: RestMethod
  relation: Relation
  /** `POST …/query`: the body describes a read. */
  queryFallback: boolean
  /** `…/{schema}/{table}/{id}` */
  id?: string
  /** The raw query string, without `?`. */
  query: string
  prefer: string | string[] | undefined
  body: unknown
  /** The body's JSON text as received: inserts bind it as is instead of serialising the parsed rows again. */
  rawBody?: string
}

export type PlannedRequest =
  | { kind: 'read'; plan: ReadPlan; prefer: Prefer }
  | { kind: 'write'; plan: WritePlan; prefer: Prefer }

/** `…/{schema}/{table}/{id}`: a primary-key filter, as upstream's by-id routes. */
function addIdFilter(relation: Relation, id: string, request: ReadRequest): void {
  const pk = relation.primaryKey
  if (pk.length !== 1) throw new ApiError(400, 'PGRST100', `'${relation.name}' has no single-column primary key to address rows by id`)
  request.levels.get('')!.conditions.push({ kind: 'filter', path: { column: pk[0], json: [] }, negate: false, op: 'eq', value: id })
}

export function planRequest(cache: SchemaCache, input: RequestInput, options: PlanOptions): PlannedRequest {
  const prefer = parsePrefer(input.prefer)
  const readRequest = input.queryFallback ? parseQueryBody(input.body) : parseQueryString(input.query)
  if (input.id !== undefined) addIdFilter(input.relation, input.id, readRequest)
  readRequest.count ??= prefer.count
  const rel = input.relation
  switch (input.method) {
    case 'GET':
    case 'HEAD':
      return { kind: 'read', plan: planRead(cache, rel, readRequest, options), prefer }
    case 'POST':
      if (input.queryFallback) return { kind: 'read', plan: planRead(cache, rel, readRequest, options), prefer }
      return { kind: 'write', plan: planInsert(cache, rel, readRequest, prefer, input.body, options, input.rawBody), prefer }
    case 'PATCH':
      return { kind: 'write', plan: planUpdate(cache, rel, readRequest, prefer, input.body, options), prefer }
    case 'DELETE':
      return { kind: 'write', plan: planDelete(cache, rel, readRequest, prefer, options), prefer }
  }
}
