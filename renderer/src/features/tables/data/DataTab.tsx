// features/tables/data/DataTab.tsx — a table's rows: the toolbar (filter, columns, count, insert, delete, export,
// refresh), the virtualized grid over a lazily loaded page, the pager, the staged-changes bar, the row panel, and
// the dialogs (value viewer, new row, review). Reads and writes go through the REST API as the current identity.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import type { RowSelectionState } from '@tanstack/react-table'
import type { ForeignKeyMeta, TableStructure } from '../../../../../contract/table-meta'
import { useStudioStore } from '../../../store'
import { defaultGridQuery, tableKey } from '../../../store/tables-slice'
import { ValueViewer } from '../cells/ValueViewer'
import { ExportMenu } from '../export/ExportMenu'
import { FilterBuilder } from '../filter/FilterBuilder'
import { DataGrid } from '../grid/DataGrid'
import { countRules, describeFilter, emptyFilter, equalityFilter } from '../lib/filter-model'
import { pkObject, rowKey } from '../lib/row-keys'
import { BLOCK_SIZE, type RowSlot } from '../lib/row-window'
import { NO_CHANGES, planCalls, type PlannedCall } from '../lib/staged-calls'
import { valueToText, type Row } from '../lib/value-types'
import { RowPanel } from '../row/RowPanel'
import { InsertForm } from '../staging/InsertForm'
import { ReviewPanel } from '../staging/ReviewPanel'
import { StagedBar } from '../staging/StagedBar'
import { RotateCw } from 'lucide-react'
import { IconButton, Toolbar, ToolbarSpacer } from '../../../components/ui'
import { ErrorNote } from '../ui/ErrorNote'
import { formatCount } from '../ui/format'
import { ColumnsMenu, orderedColumns } from './ColumnsMenu'
import { CountLabel } from './CountLabel'
import { useRowWindow } from './use-row-window'

const PAGE_SIZES = [100, 1000, 10_000]
const NO_ROWS: RowSlot[] = []

export function DataTab({ structure }: { structure: TableStructure }): ReactElement {
  const key = tableKey(structure.schema, structure.name)
  const query = useStudioStore((s) => s.gridQueries[key]) ?? defaultQuery(key)
  const setGridQuery = useStudioStore((s) => s.setGridQuery)
  const layout = useStudioStore((s) => s.columnLayouts[key])
  const setColumnLayout = useStudioStore((s) => s.setColumnLayout)
  const staged = useStudioStore((s) => s.staged[key]) ?? NO_CHANGES
  const stageEdit = useStudioStore((s) => s.stageEdit)
  const stageInsert = useStudioStore((s) => s.stageInsert)
  const stageDeletes = useStudioStore((s) => s.stageDeletes)
  const unstage = useStudioStore((s) => s.unstage)
  const discardStaged = useStudioStore((s) => s.discardStaged)
  const openTable = useStudioStore((s) => s.openTable)
  const loadTableList = useStudioStore((s) => s.loadTableList)
  const identityLabel = useStudioStore((s) => s.identity.label)

  const handle = useRowWindow(structure, query)
  const win = handle?.window
  // Stable per window version (the window caches it), so the grid's row model is rebuilt only when blocks land.
  const data = win ? win.data() : NO_ROWS
  const pk = structure.primaryKey
  const editable = structure.kind === 'table' && pk.length > 0
  const [selection, setSelection] = useState<RowSelectionState>({})
  // The current row (last cell clicked) and whether the row panel beside the grid is open.
  const [currentRow, setCurrentRow] = useState<number | null>(null)
  const [detailsOpen, setDetailsOpen] = useState(false)
  const inspected = detailsOpen ? currentRow : null
  const [viewer, setViewer] = useState<{ index: number; column: string; edit: boolean } | null>(null)
  const [filterOpen, setFilterOpen] = useState(false)
  const [insertOpen, setInsertOpen] = useState(false)
  const [review, setReview] = useState<PlannedCall[] | null>(null)
  const [failed, setFailed] = useState<Record<string, string>>({})
  const [exactTotal, setExactTotal] = useState<number | null>(null)

  // Once per window: the first loaded rows are in the DOM (the bench reads this mark).
  const drawn = useRef<object | null>(null)
  useEffect(() => {
    if (win && win.started && drawn.current !== win && data.length) {
      drawn.current = win
      if (performance.getEntriesByName('tables:first-rows').length === 0) performance.mark('tables:first-rows')
    }
  })

  // The grid reports the rows in view to a new window before this runs (a child's effects run first): the top rows
  // are asked for only if it did not (nothing laid out yet), or a new sort would leave the rows in view unread.
  const asked = useRef<object | null>(null)
  useEffect(() => {
    setSelection({})
    setCurrentRow(null)
    setExactTotal(null)
    if (asked.current !== win) win?.ensure(0, 60)
  }, [win])

  // A row's primary-key string, computed once per row object (the grid asks for it on every render).
  const rowKeyOf = useMemo(() => {
    const keys = new WeakMap<Row, string>()
    return (row: Row): string => {
      let k = keys.get(row)
      if (k === undefined) keys.set(row, (k = pk.length ? rowKey(row, pk) : JSON.stringify(row)))
      return k
    }
  }, [pk])
  const rowAt = (index: number | null): Row | undefined => (index === null ? undefined : data[index]?.row)
  // Rows are asked for a block ahead of the scroll, the way it goes: they are there when they come into view,
  // instead of placeholders that all turn into rows at once (a heavy frame) when their block lands.
  const scrolled = useRef({ from: 0, back: false })
  const onVisibleRange = useCallback(
    (from: number, to: number) => {
      const s = scrolled.current
      if (from !== s.from) s.back = from < s.from
      s.from = from
      asked.current = win ?? null
      win?.ensure(Math.max(0, from - 20), to + 20, s.back ? -BLOCK_SIZE : BLOCK_SIZE)
    },
    [win],
  )

  const dataRef = useRef(data)
  dataRef.current = data
  const onStageEdit = useCallback(
    (index: number, column: string, value: unknown) => {
      const row = dataRef.current[index]?.row
      if (!row || !editable) return
      stageEdit(key, rowKey(row, pk), pkObject(row, pk), column, value, row[column])
    },
    [editable, stageEdit, key, pk],
  )
  const onCurrentRow = useCallback((index: number, open: boolean) => {
    setCurrentRow(index)
    if (open) setDetailsOpen(true)
  }, [])
  const onToggleDetails = useCallback(() => setDetailsOpen((o) => !o), [])
  const onOpenValue = useCallback((index: number, column: string, edit: boolean) => setViewer({ index, column, edit }), [])
  const onFollow = useCallback(
    (index: number, fk: ForeignKeyMeta) => {
      const row = dataRef.current[index]?.row
      if (!row) return
      const pairs: Array<[string, string]> = []
      for (let i = 0; i < fk.from_columns.length; i++) {
        const v = valueToText(row[fk.from_columns[i]])
        if (v === null) return
        pairs.push([fk.to_columns[i], v])
      }
      openTable(fk.to_schema, fk.to_table, { filter: equalityFilter(pairs), follow: true })
    },
    [openTable],
  )

  // Selection is by position in the page (the grid's row ids); rows are read when it changes or blocks land.
  const selectedRows = useMemo(
    () => Object.keys(selection).filter((i) => selection[i]).map((i) => data[Number(i)]?.row).filter((r): r is Row => r !== undefined),
    [data, selection, handle?.version],
  )
  const visibleColumns = orderedColumns(structure.columns, layout).filter((c) => !layout?.hidden?.[c])
  const total = exactTotal ?? win?.total
  const totalExact = exactTotal !== null || !!win?.totalExact
  const rules = countRules(query.filter)

  const stageDeleteSelected = (): void => {
    stageDeletes(key, selectedRows.map((r) => ({ rowKey: rowKey(r, pk), pk: pkObject(r, pk) })))
    setSelection({})
  }

  const onCallSucceeded = (call: PlannedCall, body: unknown): void => {
    unstage(key, call.items)
    setFailed((f) => Object.fromEntries(Object.entries(f).filter(([k]) => !call.items.includes(k))))
    // Updated rows come back in the response: show them at once, before the reload lands.
    if (call.kind === 'update' && Array.isArray(body) && win) {
      for (const row of body as Row[]) {
        const k = rowKey(row, pk)
        const index = win.findIndex((r) => rowKey(r, pk) === k)
        if (index >= 0) win.replaceRow(index, row)
      }
    }
  }
  const onCallFailed = (call: PlannedCall, message: string): void => setFailed((f) => ({ ...f, ...Object.fromEntries(call.items.map((i) => [i, message])) }))
  const onRunFinished = (): void => {
    // Inserts and deletes move rows about: positions no longer name the same rows.
    setSelection({})
    win?.reload()
    void loadTableList()
  }

  const viewerRow = rowAt(viewer?.index ?? null)
  const viewerColumn = viewer ? structure.columns.find((c) => c.name === viewer.column) : undefined
  const inspectedRow = rowAt(inspected)
  const pageEnd = query.pageStart + (win?.length ?? 0)
  const hasPrev = query.pageStart > 0
  const hasNext = !!win && win.started && !win.error && win.hasMore
  const error = win?.error

  return (
    <div className="tb-data">
      <Toolbar label="Rows" variant="plain" className="tb-toolbar">
        <button type="button" className={`ui-button${rules ? ' tb-active' : ''}`} aria-expanded={filterOpen} onClick={() => setFilterOpen(!filterOpen)} data-testid="filter-toggle">
          Filter{rules ? <span className="ui-count">{rules}</span> : null}
        </button>
        <ColumnsMenu columns={structure.columns} layout={layout} onChange={(l) => setColumnLayout(key, l)} />
        {query.sorting.length > 0 && (
          <span className="tb-chipline" title="Click a column header to change the sort; Shift+click adds a column">
            Sorted by {query.sorting.map((s) => `${s.column} ${s.desc ? '↓' : '↑'}`).join(', ')}
            <button type="button" className="tb-link" onClick={() => setGridQuery(key, { sorting: [], pageStart: 0 })}>
              clear
            </button>
          </span>
        )}
        <ToolbarSpacer />
        {win && !(win.error && total === undefined) && <CountLabel schema={structure.schema} table={structure.name} filters={handle.filters} total={total} exact={totalExact} onExact={setExactTotal} />}
        {editable && (
          <>
            <button type="button" className="ui-button" onClick={() => setInsertOpen(true)} data-testid="insert-row">
              + Row
            </button>
            <button type="button" className="ui-button ui-button--danger" disabled={!selectedRows.length} onClick={stageDeleteSelected} data-testid="delete-rows" title="Stage the selected rows for deletion (reviewed before anything is deleted)">
              Delete{selectedRows.length ? ` ${selectedRows.length}` : ''}
            </button>
          </>
        )}
        <button type="button" className={`ui-button${detailsOpen ? ' tb-active' : ''}`} aria-pressed={detailsOpen} onClick={onToggleDetails} title="Show the current row in full, with the rows that reference it (Space)" data-testid="row-details">
          Row details
        </button>
        {win && <ExportMenu structure={structure} selected={selectedRows} columns={visibleColumns} filters={handle.filters} order={handle.order} total={total} totalExact={totalExact} />}
        <IconButton label="Reload rows" title="Reload rows (and count again)" icon={RotateCw} onClick={() => (win?.reload(), setExactTotal(null))} />
      </Toolbar>
      {rules > 0 && !filterOpen && (
        <div className="tb-filterline" data-testid="active-filter">
          <span className="tb-filterline__label">Filter</span>
          <button type="button" className="tb-filterline__text" onClick={() => setFilterOpen(true)}>
            {describeFilter(query.filter)}
          </button>
          <button type="button" className="tb-link" onClick={() => setGridQuery(key, { filter: emptyFilter(), pageStart: 0 })}>
            clear
          </button>
        </div>
      )}
      {filterOpen && (
        <FilterBuilder
          filter={query.filter}
          columns={structure.columns}
          onClose={() => setFilterOpen(false)}
          onApply={(filter) => {
            setGridQuery(key, { filter, pageStart: 0 })
            setFilterOpen(false)
          }}
        />
      )}
      {!editable && structure.kind === 'table' && <p className="ui-notice">This table has no primary key: rows cannot be addressed one by one, so the studio shows them read-only.</p>}
      {structure.kind !== 'table' && <p className="ui-notice">This is a {structure.kind.replace('_', ' ')}: read-only here.</p>}
      {error && <ErrorNote error={error} title={`Could not read ${structure.name} as ${identityLabel}`} onRetry={() => win?.retry()} />}
      <div className="tb-data__main">
        <DataGrid
          structure={structure}
          data={data}
          offset={query.pageStart}
          sorting={query.sorting}
          onSortingChange={(sorting) => setGridQuery(key, { sorting, pageStart: 0 })}
          layout={layout}
          onLayoutChange={(l) => setColumnLayout(key, l)}
          rowKeyOf={rowKeyOf}
          selection={selection}
          onSelectionChange={setSelection}
          selectable={editable}
          editable={editable}
          staged={staged}
          failed={failed}
          inspected={inspected}
          onCurrentRow={onCurrentRow}
          onToggleDetails={onToggleDetails}
          onVisibleRange={onVisibleRange}
          onStageEdit={onStageEdit}
          onOpenValue={onOpenValue}
          onFollow={onFollow}
          emptyText={!win?.started ? 'Loading rows…' : rules ? 'No row matches the filter.' : error ? '' : `No rows${identityLabel === 'service_role' ? '' : ` visible to ${identityLabel}`}.`}
        />
        {detailsOpen && !inspectedRow && (
          <aside className="tb-rowpanel tb-rowpanel--empty" aria-label="Row details">
            <p className="tb-hint">Click a cell to see its row here in full, with the rows that reference it.</p>
            <button type="button" className="ui-button ui-button--small" onClick={() => setDetailsOpen(false)}>
              Close
            </button>
          </aside>
        )}
        {inspectedRow && inspected !== null && (
          <RowPanel
            structure={structure}
            row={inspectedRow}
            rowNumber={query.pageStart + inspected + 1}
            edit={staged.edits[rowKeyOf(inspectedRow)]}
            deleted={!!staged.deletes[rowKeyOf(inspectedRow)]}
            editable={editable}
            onOpenValue={(column, edit) => setViewer({ index: inspected, column, edit })}
            onFollow={(fk) => onFollow(inspected, fk)}
            onClose={() => setDetailsOpen(false)}
          />
        )}
      </div>
      <footer className="tb-pager">
        <span className="tb-pager__range tabular">
          {win?.length ? `Rows ${formatCount(query.pageStart + 1)}–${formatCount(pageEnd)}` : ''}
          {selectedRows.length ? ` · ${selectedRows.length} selected` : ''}
        </span>
        <button type="button" className="ui-button ui-button--small" disabled={!hasPrev} onClick={() => setGridQuery(key, { pageStart: Math.max(0, query.pageStart - query.pageSize) })} aria-label="Previous page">
          ‹ Prev
        </button>
        <button type="button" className="ui-button ui-button--small" disabled={!hasNext} onClick={() => setGridQuery(key, { pageStart: query.pageStart + query.pageSize })} aria-label="Next page" data-testid="next-page">
          Next ›
        </button>
        <label className="tb-pager__size">
          Page
          <select className="ui-select tb-select--small" value={query.pageSize} onChange={(e) => setGridQuery(key, { pageSize: Number(e.target.value), pageStart: 0 })}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {formatCount(n)} rows
              </option>
            ))}
          </select>
        </label>
        <span className="tb-pager__hint">Double-click a cell to edit · Space shows the row · Shift+click a header to sort by several columns</span>
      </footer>
      <StagedBar
        staged={staged}
        failedCount={Object.keys(failed).length}
        onReview={() => setReview(planCalls(structure.schema, structure.name, staged))}
        onDiscard={() => {
          discardStaged(key)
          setFailed({})
        }}
        onDropInsert={(id) => unstage(key, [id])}
      />
      {viewer && viewerColumn && viewerRow && (
        <ValueViewer
          column={viewerColumn}
          value={viewer.column in (staged.edits[rowKeyOf(viewerRow)]?.changes ?? {}) ? staged.edits[rowKeyOf(viewerRow)].changes[viewer.column] : viewerRow[viewer.column]}
          editable={editable && !viewerColumn.generated && viewerColumn.identity !== 'always'}
          startEditing={viewer.edit}
          title={`${viewer.column} · row ${query.pageStart + viewer.index + 1}`}
          onStage={(value) => onStageEdit(viewer.index, viewer.column, value)}
          onClose={() => setViewer(null)}
        />
      )}
      {insertOpen && <InsertForm columns={structure.columns} tableName={structure.name} onStage={(values) => stageInsert(key, values)} onClose={() => setInsertOpen(false)} />}
      {review && (
        <ReviewPanel
          calls={review}
          onSucceeded={onCallSucceeded}
          onFailed={onCallFailed}
          onFinished={onRunFinished}
          onClose={() => setReview(null)}
        />
      )}
    </div>
  )
}

const defaults = new Map<string, ReturnType<typeof defaultGridQuery>>()
/** A stable default per table, so selecting it from the store does not change on every render. */
function defaultQuery(key: string) {
  let q = defaults.get(key)
  if (!q) {
    q = defaultGridQuery()
    defaults.set(key, q)
  }
  return q
}
