// rest/plan/resolve-names.ts — user names → schema-cache objects: relations (404 when unknown), columns and JSON
// paths (400 naming the column, with the closest match as a hint) and cast types (checked against pg_type). The
// hints are narrowed to what the caller may use in rest/name-privileges.ts, which knows the caller.
import { ApiError } from '../../errors.js'
import type { ColumnPath } from '../request/request-types.js'
import { clip } from '../request/split-top-level.js'
import { relationKey, type Column, type Relation, type SchemaCache } from '../schema/schema-types.js'
import type { CastType, ColumnRef } from './plan-types.js'

export function findRelation(cache: SchemaCache, schema: string, name: string): Relation | undefined {
  return cache.relations.get(relationKey(schema, name))
}

/** What an unknown name was looked up among: enough to suggest, later, only the names the caller may use. */
export interface NameLookup {
  kind: 'table' | 'column'
  schema: string
  /** For columns: the table they belong to. */
  table?: string
  name: string
  candidates: string[]
  /** Without a close match, list the candidates (columns) in the hint. */
  listWhenFar?: boolean
}

/** The hint for `lookup` given the candidates the caller may use (all of them for the service role). */
export function suggestionHint(lookup: NameLookup, usable: string[]): string | undefined {
  const near = closest(lookup.name, usable)
  if (near) return lookup.kind === 'table' ? `Perhaps you meant the table '${lookup.schema}.${near}'` : `Perhaps you meant the column "${near}"`
  if (lookup.listWhenFar && usable.length) return `columns: ${usable.join(', ').slice(0, 300)}`
  return undefined
}

/** An unknown table or column: the hint suggests from every candidate until rest/name-privileges.ts narrows it. */
export class UnknownNameError extends ApiError {
  constructor(status: number, code: string, message: string, details: string | undefined, readonly lookup: NameLookup) {
    super(status, code, message, details, suggestionHint(lookup, lookup.candidates))
  }
}

export function requireRelation(cache: SchemaCache, schema: string, name: string): Relation {
  const rel = findRelation(cache, schema, name)
  if (!rel) {
    const candidates = [...cache.relations.values()].filter((r) => r.schema === schema).map((r) => r.name)
    throw new UnknownNameError(404, 'PGRST205', `Table '${clip(schema, 64)}.${clip(name, 64)}' not found`, undefined, { kind: 'table', schema, name, candidates })
  }
  return rel
}

export function requireColumn(rel: Relation, name: string, context = ''): Column {
  const col = rel.columnsByName.get(name)
  if (col) return col
  throw new UnknownNameError(400, '42703', `column "${clip(name, 64)}" does not exist in ${rel.schema}.${rel.name}${context ? ` (${context})` : ''}`,
    undefined, { kind: 'column', schema: rel.schema, table: rel.name, name, candidates: rel.columns.map((c) => c.name), listWhenFar: true })
}

export function resolvePath(rel: Relation, path: ColumnPath, context = ''): ColumnRef {
  const column = requireColumn(rel, path.column, context)
  if (path.json.length) {
    const isJson = column.typeName === 'json' || column.typeName === 'jsonb'
    const isArray = column.category === 'A'
    if (!isJson && !(isArray && path.json.length === 1 && path.json[0].index)) {
      throw new ApiError(400, 'PGRST100', `column "${column.name}" is of type ${column.type}, so the JSON path "${path.json.map((s) => s.arrow + s.key).join('')}" cannot be applied`)
    }
  }
  return { column, json: path.json }
}

const TYPE_ALIASES: Record<string, string> = {
  integer: 'int4', int: 'int4', smallint: 'int2', bigint: 'int8', boolean: 'bool', real: 'float4', 'double precision': 'float8',
  doubleprecision: 'float8', float: 'float8', decimal: 'numeric', 'character varying': 'varchar', character: 'bpchar', char: 'bpchar',
  'timestamp with time zone': 'timestamptz', 'timestamp without time zone': 'timestamp', 'time with time zone': 'timetz',
  'time without time zone': 'time',
}

export function resolveCast(cache: SchemaCache, raw: string): CastType {
  let name = raw.trim().toLowerCase().replace(/\s+/g, ' ')
  let array = false
  if (name.endsWith('[]')) {
    array = true
    name = name.slice(0, -2).trim()
  }
  name = TYPE_ALIASES[name] ?? name
  const type = cache.types.get(name)
  if (!type) throw new ApiError(400, 'PGRST100', `unknown type "${clip(raw, 64)}" in cast`, undefined, 'cast to a PostgreSQL type, e.g. col::text, col::int, col::numeric')
  return { schema: type.schema, name: type.name, array }
}

/** The candidate with the smallest edit distance, when it is close enough to be a likely typo. */
export function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined
  let bestScore = Infinity
  const lower = name.toLowerCase()
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase())
    if (d < bestScore) {
      bestScore = d
      best = c
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) return Infinity
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = tmp
    }
  }
  return prev[b.length]
}
