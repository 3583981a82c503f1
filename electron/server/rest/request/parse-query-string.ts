// rest/request/parse-query-string.ts — the raw query string → ReadRequest: select, filters (top level and per
// embedding path), or/and trees, order, limit/offset, count, group_by, truncate, on_conflict, columns.
import { ApiError } from '../../errors.js'
import type { ColumnPath, CountMode, LevelOptions, ReadRequest } from './request-types.js'
import { parseSelect } from './parse-select.js'
import { parseLogicBody, parseOpValue } from './parse-filter.js'
import { parseOrder } from './parse-order.js'
import { parseColumnPath, parseName } from './parse-column-path.js'
import { clip, splitTopLevel } from './split-top-level.js'

/** Parameters that are never filters. `token` and `apikey` carry credentials (realtime, some clients). */
const IGNORED = new Set(['cursor', 'token', 'apikey'])
const COUNT_MODES = new Set(['exact', 'planned', 'estimated'])

export function levelOf(request: ReadRequest, path: string): LevelOptions {
  let level = request.levels.get(path)
  if (!level) {
    level = { conditions: [], order: [] }
    request.levels.set(path, level)
  }
  return level
}

/** Splits `a.b."c.d"` at dots outside double quotes. */
function splitKey(key: string): string[] {
  const parts: string[] = []
  let quoted = false
  let start = 0
  for (let i = 0; i < key.length; i++) {
    if (key[i] === '"') quoted = !quoted
    if (!quoted && key[i] === '.') {
      parts.push(key.slice(start, i))
      start = i + 1
    }
  }
  parts.push(key.slice(start))
  return parts
}

export function parseNonNegativeInt(value: string, what: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw new ApiError(400, 'PGRST100', `"${clip(value, 40)}" is not a valid ${what}: expected a non-negative integer`)
  return Number(value.trim())
}

function parseCount(value: string): CountMode | undefined {
  if (value === 'none' || value === '') return undefined
  if (!COUNT_MODES.has(value)) throw new ApiError(400, 'PGRST100', `"${clip(value, 40)}" is not a valid count: use exact, planned or estimated`)
  return value as CountMode
}

export function parseColumnList(value: string, what: string): string[] {
  return splitTopLevel(value, ',', what)
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => parseName(c, 'column'))
}

export function emptyReadRequest(): ReadRequest {
  return { select: [{ kind: 'star' }], levels: new Map([['', { conditions: [], order: [] }]]), groupBy: [] }
}

export function parseQueryString(query: string): ReadRequest {
  const request = emptyReadRequest()
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)
  for (const [key, value] of params) {
    if (IGNORED.has(key)) continue
    switch (key) {
      case 'select':
        request.select = parseSelect(value)
        continue
      case 'count':
        request.count = parseCount(value)
        continue
      case 'group_by':
        request.groupBy = splitTopLevel(value, ',', 'group_by').filter((s) => s.trim()).map((s) => parseColumnPath(s) as ColumnPath)
        continue
      case 'truncate': {
        const n = parseNonNegativeInt(value, 'truncate')
        if (n === 0) throw new ApiError(400, 'PGRST100', 'truncate must be at least 1')
        request.truncate = n
        continue
      }
      case 'on_conflict':
        request.onConflict = parseColumnList(value, 'on_conflict')
        continue
      case 'columns':
        request.columns = parseColumnList(value, 'columns')
        continue
    }
    const parts = splitKey(key)
    const last = parts[parts.length - 1]
    const isNot = parts.length >= 2 && parts[parts.length - 2] === 'not' && (last === 'or' || last === 'and')
    const embedParts = parts.slice(0, parts.length - (isNot ? 2 : 1))
    const embedPath = embedParts.map((p) => parseName(p, 'embedded resource')).join('.')
    if (last === 'or' || last === 'and') {
      levelOf(request, embedPath).conditions.push(parseLogicBody(last, isNot, value))
      continue
    }
    if (parts.length > 1 && (last === 'order' || last === 'limit' || last === 'offset')) {
      applyPaging(levelOf(request, embedPath), last, value)
      continue
    }
    if (parts.length === 1 && (key === 'order' || key === 'limit' || key === 'offset')) {
      applyPaging(levelOf(request, ''), key, value)
      continue
    }
    // Dot-less parameters are not filters (contract §1.3): silently ignored.
    if (!key.includes('.') && !value.includes('.')) continue
    const level = levelOf(request, embedPath)
    level.conditions.push(parseOpValue(last, value))
  }
  return request
}

function applyPaging(level: LevelOptions, what: 'order' | 'limit' | 'offset', value: string): void {
  if (what === 'order') level.order = parseOrder(value)
  else if (what === 'limit') level.limit = parseNonNegativeInt(value, 'limit')
  else level.offset = parseNonNegativeInt(value, 'offset')
}
