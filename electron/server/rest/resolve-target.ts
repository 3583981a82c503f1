// rest/resolve-target.ts — the URL path after /api/v1/tables/ → which relation and which action: `t` (public, or
// the Accept-Profile / Content-Profile schema), `s/t`, `[s/]t/query` (the SDK's long-query fallback), `s/t/{id}`.
import { ApiError } from '../errors.js'
import type { Relation, SchemaCache } from './schema/schema-types.js'
import { findRelation, requireRelation } from './plan/resolve-names.js'
import type { SchemaStore } from './schema/schema-store.js'

export interface Target {
  relation: Relation
  /** `POST …/query`: read with the request described by the body. */
  queryFallback: boolean
  /** `…/{schema}/{table}/{id}`: the row whose primary key is `id`. */
  id?: string
}

function split(path: string): string[] {
  const segments = path.split('/')
  if (segments.some((s) => s === '')) throw new ApiError(404, 'NOT_FOUND', `Not Found: empty path segment in "${path.slice(0, 100)}"`)
  return segments
}

async function lookup(store: SchemaStore, schema: string, name: string, must: boolean): Promise<Relation | undefined> {
  let cache: SchemaCache = store.current()
  let rel = findRelation(cache, schema, name)
  if (!rel) {
    // A table created a moment ago may not have reached the cache yet: look again in a cache loaded after now.
    cache = await store.refreshForMiss()
    rel = findRelation(cache, schema, name)
  }
  if (!rel && must) requireRelation(cache, schema, name)
  return rel
}

export async function resolveTarget(store: SchemaStore, path: string, method: string, profile: string | undefined): Promise<Target> {
  const seg = split(path.replace(/\/+$/, ''))
  const defaultSchema = profile || 'public'
  if (seg.length === 1) return { relation: (await lookup(store, defaultSchema, seg[0], true))!, queryFallback: false }
  if (seg.length === 2) {
    if (method === 'POST' && seg[1] === 'query') {
      const rel = await lookup(store, defaultSchema, seg[0], false)
      if (rel) return { relation: rel, queryFallback: true }
    }
    return { relation: (await lookup(store, seg[0], seg[1], true))!, queryFallback: false }
  }
  if (seg.length === 3) {
    const relation = (await lookup(store, seg[0], seg[1], true))!
    if (seg[2] === 'query' && method === 'POST') return { relation, queryFallback: true }
    if (method === 'POST') throw new ApiError(405, 'METHOD_NOT_ALLOWED', 'POST is not allowed on a single row: POST to the table instead')
    return { relation, queryFallback: false, id: seg[2] }
  }
  throw new ApiError(404, 'NOT_FOUND', 'Not Found: expected /api/v1/tables/[schema/]table')
}
