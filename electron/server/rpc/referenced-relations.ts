// rpc/referenced-relations.ts — the relations a procedure's statement names (after FROM, JOIN, INTO, UPDATE,
// TABLE, USING), for the registry's allowed-tables / allowed-schemas check. Defence in depth, as upstream's: grants
// and row-level security remain the boundary. CTE names and function calls are not relations.
import { ApiError } from '../errors.js'
import type { Token } from './sql-tokens.js'
import { tokenize } from './sql-tokens.js'

export interface RelationRef {
  schema?: string
  name: string
}

const INTRODUCERS = new Set(['from', 'join', 'into', 'update', 'table', 'using'])
const STOP = new Set(['where', 'group', 'order', 'limit', 'offset', 'having', 'window', 'on', 'set', 'values', 'select', 'returning', 'union', 'intersect', 'except', 'for', 'fetch', 'join', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'lateral', 'default', 'as', 'do', 'when', 'then', 'only'])

/** Words that end a FROM list (a JOIN has its own introducer). */
const CLAUSE_END = new Set(['where', 'group', 'order', 'limit', 'offset', 'having', 'window', 'union', 'intersect', 'except', 'returning', 'set', 'values', 'select', 'join', 'for', 'fetch', 'conflict'])

function isName(t: Token | undefined): t is Token {
  return Boolean(t && (t.kind === 'word' || t.kind === 'quoted'))
}

export function referencedRelations(sql: string): RelationRef[] {
  const tokens = tokenize(sql)
  const ctes = new Set<string>()
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (isName(tokens[i]) && tokens[i + 1].kind === 'word' && tokens[i + 1].value === 'as' && tokens[i + 2].value === '(') ctes.add(tokens[i].value)
    if (isName(tokens[i]) && tokens[i + 1].value === '(' && i > 0 && (tokens[i - 1].value === 'with' || tokens[i - 1].value === 'recursive' || tokens[i - 1].value === ',')) ctes.add(tokens[i].value)
  }
  const refs: RelationRef[] = []
  const read = (i: number, columnList = false): number => {
    // [schema .] name, not followed by "(" (a function call).
    let t = tokens[i]
    if (t?.kind === 'word' && t.value === 'only') t = tokens[++i]
    if (!isName(t) || (t.kind === 'word' && STOP.has(t.value))) return i
    let schema: string | undefined
    let name = t.value
    let j = i + 1
    if (tokens[j]?.value === '.' && isName(tokens[j + 1])) {
      schema = name
      name = tokens[j + 1].value
      j += 2
    }
    // `fn(…)` in FROM is a function; `INSERT INTO t (a, b)` is a column list.
    if (tokens[j]?.value === '(' && !columnList) return j
    if (!(schema === undefined && ctes.has(name))) refs.push({ schema, name })
    return j
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (t.kind !== 'word' || !INTRODUCERS.has(t.value)) continue
    let j = read(i + 1, t.value === 'into')
    if (t.value !== 'from' && t.value !== 'join') continue
    // FROM a, b AS x JOIN c ON (…), d — every comma-separated item, skipping aliases and join conditions.
    let depth = 0
    while (j < tokens.length) {
      const tok = tokens[j]
      if (tok.value === '(') depth++
      else if (tok.value === ')') {
        if (--depth < 0) break
      } else if (depth === 0 && tok.value === ',') {
        j = read(j + 1)
        continue
      } else if (depth === 0 && tok.kind === 'word' && CLAUSE_END.has(tok.value)) break
      j++
    }
  }
  return refs
}

/** Refuses a statement naming relations outside the procedure's allowed lists. */
export function checkAllowedRelations(sql: string, allowedTables: string[], allowedSchemas: string[], resolveSchema: (name: string) => string): void {
  const tables = new Set(allowedTables.map((t) => t.toLowerCase()))
  const schemas = new Set(allowedSchemas.map((s) => s.toLowerCase()))
  for (const ref of referencedRelations(sql)) {
    const schema = (ref.schema ?? resolveSchema(ref.name)).toLowerCase()
    const qualifiedName = `${schema}.${ref.name.toLowerCase()}`
    if (schemas.size && !schemas.has(schema)) {
      throw new ApiError(403, 'FORBIDDEN', `the procedure reads ${qualifiedName}, but its allowed schemas are ${[...schemas].join(', ')}`, undefined, 'add the schema with "-- @fluxbase:allowed-schemas"')
    }
    if (tables.size && !tables.has(ref.name.toLowerCase()) && !tables.has(qualifiedName)) {
      throw new ApiError(403, 'FORBIDDEN', `the procedure uses ${qualifiedName}, which is not among its allowed tables (${[...tables].join(', ')})`, undefined, 'add it with "-- @fluxbase:allowed-tables"')
    }
  }
}
