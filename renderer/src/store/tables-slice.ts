// renderer/src/store/tables-slice.ts — the `tables` slice: the table list (search, counts, RLS badges), each table's
// cached structure, its grid query (sort, filter, page), its column layout (order, hidden, widths; remembered across
// restarts), the edits staged for review, the create-table dialog, and the trail of followed foreign keys.
import type { TableKeys, TableStructure, TableSummary } from '../../../contract/table-meta'
import { fetchStructure, fetchTableKeys, fetchTableList, prefetchRows } from '../api/tables-api'
import { emptyFilter, filterParams, type FilterGroup } from '../features/tables/lib/filter-model'
import { blockQuery, orderParam, type SortTerm } from '../features/tables/lib/rest-query'
import { BLOCK_SIZE } from '../features/tables/lib/row-window'
import { NO_CHANGES, type StagedChanges } from '../features/tables/lib/staged-calls'
import { sameValue, type Row } from '../features/tables/lib/value-types'
import type { SliceCreator } from './studio-state'

export interface GridQuery {
  sorting: SortTerm[]
  filter: FilterGroup
  /** Offset of the page shown. */
  pageStart: number
  pageSize: number
}

export interface ColumnLayout {
  order: string[]
  hidden: Record<string, boolean>
  sizes: Record<string, number>
}

export interface TrailEntry {
  schema: string
  table: string
  filter: FilterGroup
}

export const DEFAULT_PAGE_SIZE = 10_000

export const tableKey = (schema: string, table: string): string => `${schema}.${table}`

export function defaultGridQuery(): GridQuery {
  return { sorting: [], filter: emptyFilter(), pageStart: 0, pageSize: DEFAULT_PAGE_SIZE }
}

export interface TablesSlice {
  tableList: TableSummary[] | null
  tableListError: string | null
  tableListLoading: boolean
  tableSearch: string
  /** Each table's primary key and NOT NULL columns (to order its first rows before its structure is known). */
  tableKeys: Record<string, TableKeys>
  structures: Record<string, TableStructure>
  structureErrors: Record<string, string>
  gridQueries: Record<string, GridQuery>
  columnLayouts: Record<string, ColumnLayout>
  staged: Record<string, StagedChanges>
  createTableOpen: boolean
  /** Where "Back" returns to after following foreign keys (most recent last). */
  tableTrail: TrailEntry[]
  /** The table last shown: Tables opens on it again when reached without one (sidebar, palette, shortcut). */
  lastTable: { schema: string; table: string } | null
  setLastTable(schema: string, table: string): void
  loadTableList(): Promise<void>
  setTableSearch(search: string): void
  loadStructure(schema: string, table: string, force?: boolean): Promise<TableStructure | undefined>
  setGridQuery(key: string, patch: Partial<GridQuery>): void
  setColumnLayout(key: string, layout: ColumnLayout): void
  stageEdit(key: string, rowKey: string, pk: Row, column: string, value: unknown, before: unknown): void
  stageInsert(key: string, values: Row): void
  stageDeletes(key: string, rows: Array<{ rowKey: string; pk: Row }>): void
  /** Drop staged items (edit/delete row keys, insert ids) — after they ran, or when the user takes one back. */
  unstage(key: string, items: string[]): void
  discardStaged(key: string): void
  setCreateTableOpen(open: boolean): void
  /** Open a table's data, optionally filtered; `follow` remembers the current table for Back. */
  openTable(schema: string, table: string, options?: { filter?: FilterGroup; follow?: boolean; tab?: 'data' | 'structure' }): void
  goBackInTrail(): void
}

const LAYOUT_KEY = 'fluxbase-studio.table-layouts'

function loadLayouts(): Record<string, ColumnLayout> {
  try {
    return (JSON.parse(localStorage.getItem(LAYOUT_KEY) ?? '{}') as Record<string, ColumnLayout>) ?? {}
  } catch {
    return {}
  }
}

let listRequest = 0

export const OPEN_MARKS = ['tables:open', 'tables:structure', 'tables:first-block', 'tables:first-rows']

export const createTablesSlice: SliceCreator<TablesSlice> = (set, get) => ({
  tableList: null,
  tableListError: null,
  tableListLoading: false,
  tableSearch: '',
  tableKeys: {},
  structures: {},
  structureErrors: {},
  gridQueries: {},
  columnLayouts: loadLayouts(),
  staged: {},
  createTableOpen: false,
  tableTrail: [],
  lastTable: null,

  setLastTable(schema, table) {
    const last = get().lastTable
    if (last?.schema !== schema || last?.table !== table) set({ lastTable: { schema, table } })
  },

  async loadTableList() {
    const request = ++listRequest
    set({ tableListLoading: true })
    try {
      // The keys are a help, not a need: without them a table's rows simply wait for its structure.
      const [{ tables }, keys] = await Promise.all([fetchTableList(), fetchTableKeys().catch(() => ({ keys: [] }))])
      const tableKeys = Object.fromEntries(keys.keys.map((k) => [tableKey(k.schema, k.name), k]))
      if (request === listRequest) set({ tableList: tables, tableKeys, tableListError: null, tableListLoading: false })
    } catch (err) {
      if (request === listRequest) set({ tableListError: (err as Error).message, tableListLoading: false })
    }
  },

  setTableSearch(search) {
    set({ tableSearch: search })
  },

  async loadStructure(schema, table, force = false) {
    const key = tableKey(schema, table)
    const cached = get().structures[key]
    if (cached && !force) return cached
    try {
      const fetched = await fetchStructure(schema, table)
      performance.mark('tables:structure')
      // A revalidation that finds nothing changed keeps the cached object: the grid's window is not rebuilt.
      const current = get().structures[key]
      const structure = current && JSON.stringify(current) === JSON.stringify(fetched) ? current : fetched
      const errors = { ...get().structureErrors }
      delete errors[key]
      set({ structures: { ...get().structures, [key]: structure }, structureErrors: errors })
      return structure
    } catch (err) {
      set({ structureErrors: { ...get().structureErrors, [key]: (err as Error).message } })
      return undefined
    }
  },

  setGridQuery(key, patch) {
    const current = get().gridQueries[key] ?? defaultGridQuery()
    set({ gridQueries: { ...get().gridQueries, [key]: { ...current, ...patch } } })
  },

  setColumnLayout(key, layout) {
    const layouts = { ...get().columnLayouts, [key]: layout }
    set({ columnLayouts: layouts })
    try {
      localStorage.setItem(LAYOUT_KEY, JSON.stringify(layouts))
    } catch {
      // Not remembered across restarts; the layout still applies now.
    }
  },

  stageEdit(key, rowKey, pk, column, value, before) {
    const staged = get().staged[key] ?? NO_CHANGES
    const edit = staged.edits[rowKey] ?? { key: rowKey, pk, changes: {}, before: {} }
    const changes = { ...edit.changes }
    const was = { ...edit.before }
    if (!(column in was)) was[column] = before
    if (sameValue(value, was[column]) && (value === null) === (was[column] === null)) {
      delete changes[column]
      delete was[column]
    } else {
      changes[column] = value
    }
    const edits = { ...staged.edits }
    if (Object.keys(changes).length) edits[rowKey] = { ...edit, changes, before: was }
    else delete edits[rowKey]
    set({ staged: { ...get().staged, [key]: { ...staged, edits } } })
  },

  stageInsert(key, values) {
    const staged = get().staged[key] ?? NO_CHANGES
    const id = `new-${Date.now().toString(36)}-${staged.inserts.length}`
    set({ staged: { ...get().staged, [key]: { ...staged, inserts: [...staged.inserts, { id, values }] } } })
  },

  stageDeletes(key, rows) {
    const staged = get().staged[key] ?? NO_CHANGES
    const deletes = { ...staged.deletes }
    for (const r of rows) deletes[r.rowKey] = { key: r.rowKey, pk: r.pk }
    set({ staged: { ...get().staged, [key]: { ...staged, deletes } } })
  },

  unstage(key, items) {
    const staged = get().staged[key]
    if (!staged) return
    const drop = new Set(items)
    const edits = Object.fromEntries(Object.entries(staged.edits).filter(([k]) => !drop.has(k)))
    const deletes = Object.fromEntries(Object.entries(staged.deletes).filter(([k]) => !drop.has(k)))
    const inserts = staged.inserts.filter((i) => !drop.has(i.id))
    set({ staged: { ...get().staged, [key]: { edits, deletes, inserts } } })
  },

  discardStaged(key) {
    const staged = { ...get().staged }
    delete staged[key]
    set({ staged })
  },

  setCreateTableOpen(open) {
    set({ createTableOpen: open })
  },

  openTable(schema, table, options = {}) {
    // Marks for the bench and the browser's performance panel: open → structure → first block → rows drawn.
    for (const m of OPEN_MARKS) performance.clearMarks(m)
    performance.mark('tables:open')
    const state = get()
    const key = tableKey(schema, table)
    if (options.follow && state.viewParams.schema && state.viewParams.table) {
      const fromKey = tableKey(state.viewParams.schema, state.viewParams.table)
      const from = state.gridQueries[fromKey] ?? defaultGridQuery()
      set({ tableTrail: [...state.tableTrail.slice(-19), { schema: state.viewParams.schema, table: state.viewParams.table, filter: from.filter }] })
    } else if (!options.follow) {
      set({ tableTrail: [] })
    }
    if (options.filter) {
      const current = get().gridQueries[key] ?? defaultGridQuery()
      set({ gridQueries: { ...get().gridQueries, [key]: { ...current, filter: options.filter, pageStart: 0 } } })
    }
    state.navigate('tables', { schema, table, tab: options.tab ?? 'data' })
    // The first rows are asked for now, beside the structure, rather than after it (the grid takes this answer).
    const keys = get().tableKeys[key]
    if ((options.tab ?? 'data') === 'data' && keys && !get().structures[key]) {
      const query = get().gridQueries[key] ?? defaultGridQuery()
      const columns = [...new Set([...keys.not_null, ...query.sorting.map((s) => s.column)])].map((name) => ({ name, nullable: !keys.not_null.includes(name) }))
      const order = orderParam(query.sorting, columns, keys.primary_key)
      prefetchRows(schema, table, blockQuery(filterParams(query.filter), order, query.pageStart, Math.min(BLOCK_SIZE, query.pageSize), true))
    }
  },

  goBackInTrail() {
    const trail = get().tableTrail
    const last = trail[trail.length - 1]
    if (!last) return
    const key = tableKey(last.schema, last.table)
    const current = get().gridQueries[key] ?? defaultGridQuery()
    set({ tableTrail: trail.slice(0, -1), gridQueries: { ...get().gridQueries, [key]: { ...current, filter: last.filter } } })
    get().navigate('tables', { schema: last.schema, table: last.table, tab: 'data' })
  },
})
