// rest/plan/plan-read.ts — ReadRequest + target relation → ReadPlan: the select tree resolved (columns, casts,
// aggregates, embeds through FKs), each level's filters/order/paging attached, page size capped.
import { ApiError } from '../../errors.js'
import type { ColumnPath, ReadRequest, SelectItem } from '../request/request-types.js'
import { defaultName, pathToString } from '../request/parse-column-path.js'
import type { Relation, SchemaCache } from '../schema/schema-types.js'
import type { OutputEmbed, OutputItem, ReadNode, ReadPlan } from './plan-types.js'
import { planConditions } from './plan-filter.js'
import { planOrder } from './plan-order.js'
import { resolveCast, resolvePath } from './resolve-names.js'
import { resolveRelationship } from './resolve-relationship.js'

export interface PlanOptions {
  maxPageSize: number
  /** Rows per embedded array (one-to-many); absent: unbounded. */
  maxEmbedRows?: number
}

interface PlanContext {
  cache: SchemaCache
  request: ReadRequest
  options: PlanOptions
  aliases: number
  usedLevels: Set<string>
}

const nextAlias = (pc: PlanContext) => () => `_t${pc.aliases++}`

function planNode(pc: PlanContext, rel: Relation, select: SelectItem[], levelKeys: string[], top: boolean, groupBy: ColumnPath[] = [], ownLevel = true): ReadNode {
  const alias = nextAlias(pc)()
  const node: ReadNode = { relation: rel, alias, select: [], where: [], order: [] }
  const levelKey = levelKeys[0]
  for (const key of ownLevel ? levelKeys : []) {
    const level = pc.request.levels.get(key)
    if (!level) continue
    pc.usedLevels.add(key)
    node.where.push(...planConditions(rel, level.conditions))
    if (level.order.length) node.order = planOrder(pc.cache, rel, level.order, nextAlias(pc))
    if (level.limit !== undefined) node.limit = level.limit
    if (level.offset !== undefined) node.offset = level.offset
  }
  if (top) node.limit = Math.min(node.limit ?? pc.options.maxPageSize, pc.options.maxPageSize)
  else if (node.limit !== undefined) node.limit = Math.min(node.limit, pc.options.maxPageSize)

  for (const item of select) {
    switch (item.kind) {
      case 'star':
        node.select.push({ kind: 'star', truncate: pc.request.truncate })
        break
      case 'column':
        node.select.push({
          kind: 'column',
          ref: resolvePath(rel, item.path, 'select'),
          outputName: item.alias ?? defaultName(item.path),
          cast: item.cast ? resolveCast(pc.cache, item.cast) : undefined,
          truncate: pc.request.truncate,
        })
        break
      case 'aggregate':
        node.select.push({
          kind: 'aggregate',
          fn: item.fn,
          ref: item.path ? resolvePath(rel, item.path, `${item.fn}()`) : undefined,
          outputName: item.alias ?? (item.path ? `${item.fn}_${defaultName(item.path)}` : item.fn),
          cast: item.cast ? resolveCast(pc.cache, item.cast) : undefined,
        })
        break
      case 'embed': {
        const r = resolveRelationship(pc.cache, rel, item.relation, item.hint)
        const name = item.alias ?? item.relation
        const childKeys = [levelKey ? `${levelKey}.${name}` : name]
        if (item.alias) childKeys.push(levelKey ? `${levelKey}.${item.relation}` : item.relation)
        if (item.spread && r.cardinality !== 'one') {
          throw new ApiError(400, 'PGRST119', `"...${item.relation}" can only spread a to-one relationship; '${rel.name}' has many '${item.relation}'`)
        }
        const embed: OutputEmbed = {
          kind: 'embed',
          outputName: name,
          cardinality: r.cardinality,
          inner: item.inner,
          spread: item.spread,
          join: r.join,
          node: planNode(pc, r.target, item.select, childKeys, false),
        }
        capEmbedRows(embed, pc.options.maxEmbedRows)
        node.select.push(embed)
        if (item.inner) node.where.push({ kind: 'exists', embed })
        break
      }
    }
  }
  applyGrouping(pc, node, groupBy)
  return node
}

/**
 * A one-to-many embed reads at most cap + 1 rows per parent row, so PostgreSQL never builds more than that; the
 * extra row makes the SQL refuse the read (build-node.ts). An explicit limit within the cap needs no check.
 */
function capEmbedRows(embed: OutputEmbed, cap: number | undefined): void {
  if (cap === undefined || embed.cardinality !== 'many' || embed.spread) return
  if (embed.node.limit !== undefined && embed.node.limit <= cap) return
  embed.rowCap = cap
  embed.node.limit = cap + 1
}

/** Aggregates (or group_by) group by every plain column of the select; group_by columns come first (contract §1.4). */
function applyGrouping(pc: PlanContext, node: ReadNode, groupBy: ColumnPath[]): void {
  const hasAggregate = node.select.some((s) => s.kind === 'aggregate')
  if (!hasAggregate && !groupBy.length) return
  const grouped: OutputItem[] = []
  for (const path of groupBy) {
    const already = node.select.find((s) => s.kind === 'column' && !s.cast && pathToString({ column: s.ref.column.name, json: s.ref.json }) === pathToString(path))
    if (!already) grouped.push({ kind: 'column', ref: resolvePath(node.relation, path, 'group_by'), outputName: defaultName(path), truncate: pc.request.truncate })
  }
  node.select = [...grouped, ...node.select]
  if (node.select.some((s) => s.kind === 'star')) {
    throw new ApiError(400, 'PGRST100', 'aggregates cannot be combined with "*": list the columns to group by', undefined, 'e.g. select=status,count(*) or group_by=status&select=count(*)')
  }
  if (node.select.some((s) => s.kind === 'embed')) {
    throw new ApiError(400, 'PGRST100', 'aggregates cannot be combined with embedded resources in the same select')
  }
  node.groupBy = node.select.flatMap((s, i) => (s.kind === 'column' ? [i + 1] : []))
}

export function planRead(cache: SchemaCache, rel: Relation, request: ReadRequest, options: PlanOptions): ReadPlan {
  const pc: PlanContext = { cache, request, options, aliases: 0, usedLevels: new Set() }
  const node = planNode(pc, rel, request.select, [''], true, request.groupBy)
  checkLevels(pc)
  return { kind: 'read', node, count: request.count, offset: node.offset ?? 0 }
}

/** Filters or paging on a path that no embed in the select produced are mistakes, not no-ops. */
export function checkLevels(pc: { request: ReadRequest; usedLevels: Set<string> }): void {
  for (const [key, level] of pc.request.levels) {
    if (key === '' || pc.usedLevels.has(key)) continue
    if (!level.conditions.length && !level.order.length && level.limit === undefined && level.offset === undefined) continue
    throw new ApiError(400, 'PGRST108', `'${key}' is not an embedded resource in this request`, undefined, `add it to select, e.g. select=*,${key.split('.').pop()}(*)`)
  }
}

/** For writes: the select applied to the rows a write returns (read from the CTE `_w`). */
export function planReturning(cache: SchemaCache, rel: Relation, request: ReadRequest, options: PlanOptions): ReadNode {
  const pc: PlanContext = { cache, request, options, aliases: 0, usedLevels: new Set(['']) }
  // The top level's filters pick the rows to write; only embedded levels apply to what is returned.
  const node = planNode(pc, rel, request.select, [''], false, request.groupBy, false)
  checkLevels(pc)
  node.fromCte = '_w'
  node.limit = undefined
  return node
}
