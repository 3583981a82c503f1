// rest/plan/plan-write.ts — inserts/upserts, updates and deletes → WritePlan: body shape and columns checked
// against the schema cache, conflict target resolved, views checked for updatability, RETURNING decided by Prefer.
import { ApiError } from '../../errors.js'
import type { Prefer, ReadRequest } from '../request/request-types.js'
import { clip } from '../request/split-top-level.js'
import type { Column, Relation, SchemaCache } from '../schema/schema-types.js'
import type { DeletePlan, InsertPlan, UpdatePlan, WriteReturn } from './plan-types.js'
import { planConditions } from './plan-filter.js'
import { planReturning, type PlanOptions } from './plan-read.js'
import { UnknownNameError } from './resolve-names.js'

function writableColumn(rel: Relation, name: string): Column {
  const col = rel.columnsByName.get(name)
  if (!col) {
    throw new UnknownNameError(400, 'PGRST204', `Unknown column: ${clip(name, 64)}`, `${rel.schema}.${rel.name} has no column "${clip(name, 64)}"`,
      { kind: 'column', schema: rel.schema, table: rel.name, name, candidates: rel.columns.map((c) => c.name) })
  }
  if (col.generated) throw new ApiError(400, '428C9', `column "${name}" is a generated column and cannot be written`)
  return col
}

function refuseView(rel: Relation, action: 'insert into' | 'update' | 'delete from'): never {
  throw new ApiError(405, 'PGRST205', `cannot ${action} ${rel.kind.replace('_', ' ')} '${rel.schema}.${rel.name}'`, undefined,
    rel.kind === 'view' ? 'only simple (auto-updatable) views or views with INSTEAD OF triggers accept writes' : undefined)
}

function returning(cache: SchemaCache, rel: Relation, request: ReadRequest, prefer: Prefer, options: PlanOptions): WriteReturn {
  if (prefer.return === 'minimal' || prefer.return === 'headers-only') return { mode: 'none' }
  return { mode: 'rows', node: planReturning(cache, rel, request, options) }
}

function refuseTopPaging(request: ReadRequest, method: string): void {
  const top = request.levels.get('')
  if (top && (top.limit !== undefined || top.offset !== undefined || top.order.length)) {
    throw new ApiError(400, 'PGRST100', `limit, offset and order are not supported on ${method}: select the rows with filters`)
  }
}

export function planInsert(cache: SchemaCache, rel: Relation, request: ReadRequest, prefer: Prefer, body: unknown, options: PlanOptions, rawBody?: string): InsertPlan {
  if (!rel.insertable) refuseView(rel, 'insert into')
  const rows = Array.isArray(body) ? body : [body]
  if (body === null || body === undefined || (typeof body !== 'object')) {
    throw new ApiError(400, 'PGRST102', 'the request body must be a JSON object or an array of objects')
  }
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new ApiError(400, 'PGRST102', `row ${i} of the request body is not a JSON object`)
    }
  })
  refuseTopPaging(request, 'insert')
  const objects = rows as Array<Record<string, unknown>>
  const names = request.columns ?? (objects.length ? Object.keys(objects[0]) : [])
  const columns = [...new Set(names)].map((n) => writableColumn(rel, n))
  if (!columns.length && objects.length > 1) {
    throw new ApiError(400, 'PGRST102', 'cannot insert several rows with no columns: give each row at least one key')
  }
  const missingDefault = prefer.missing === 'default' && objects.some((o) => columns.some((c) => !(c.name in o)))
  const plan: InsertPlan = {
    kind: 'insert',
    relation: rel,
    columns,
    rows: rawBody === undefined ? JSON.stringify(objects) : Array.isArray(body) ? rawBody : `[${rawBody}]`,
    missingDefault,
    returning: returning(cache, rel, request, prefer, options),
  }
  if (prefer.resolution) {
    const target = request.onConflict ?? rel.primaryKey
    if (!target.length) {
      throw new ApiError(400, 'PGRST100', `'${rel.schema}.${rel.name}' has no primary key: give the conflict target with on_conflict=col1,col2`)
    }
    target.forEach((c) => writableColumn(rel, c))
    plan.onConflict = {
      columns: target,
      action: prefer.resolution === 'merge-duplicates' ? 'merge' : 'ignore',
      update: columns.filter((c) => !target.includes(c.name)),
    }
  }
  return plan
}

export function planUpdate(cache: SchemaCache, rel: Relation, request: ReadRequest, prefer: Prefer, body: unknown, options: PlanOptions): UpdatePlan {
  if (!rel.updatable) refuseView(rel, 'update')
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'PGRST102', 'the request body of an update must be a JSON object of the columns to set')
  }
  const keys = Object.keys(body)
  if (!keys.length) throw new ApiError(400, 'PGRST102', 'the request body is empty: nothing to update')
  refuseTopPaging(request, 'update')
  return {
    kind: 'update',
    relation: rel,
    columns: keys.map((k) => writableColumn(rel, k)),
    values: JSON.stringify(body),
    where: planConditions(rel, request.levels.get('')?.conditions ?? []),
    returning: returning(cache, rel, request, prefer, options),
  }
}

export function planDelete(cache: SchemaCache, rel: Relation, request: ReadRequest, prefer: Prefer, options: PlanOptions): DeletePlan {
  if (!rel.deletable) refuseView(rel, 'delete from')
  refuseTopPaging(request, 'delete')
  const where = planConditions(rel, request.levels.get('')?.conditions ?? [])
  if (!where.length) {
    throw new ApiError(400, 'PGRST106', `DELETE on '${rel.schema}.${rel.name}' requires a filter`, undefined, 'add one, e.g. ?id=eq.1; to delete every row, filter on a column that is never null, e.g. ?id=not.is.null')
  }
  return { kind: 'delete', relation: rel, where, returning: returning(cache, rel, request, prefer, options) }
}
