// features/tables/grid/DataGrid.tsx — the data grid: TanStack Table for the column model (order, visibility, sizes,
// server-side sort, row selection) and TanStack Virtual for rows and columns, so only what is on screen is in the
// DOM whatever the table's size. Rows not loaded yet show as placeholders; the visible range is reported up so the
// row window fetches those blocks. Keys: arrows move, Enter edits, Esc cancels, Space inspects the row, Ctrl+C copies.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import { useTable, type ColumnSizingState, type RowSelectionState, type SortingState, type Updater } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { ForeignKeyMeta, TableStructure } from '../../../../../contract/table-meta'
import { copyText } from '../../../api/clipboard'
import type { ColumnLayout } from '../../../store/tables-slice'
import type { SortTerm } from '../lib/rest-query'
import type { RowSlot } from '../lib/row-window'
import type { StagedChanges } from '../lib/staged-calls'
import { valueKind, valueToText, type Row, type ValueKind } from '../lib/value-types'
import { buildColumns, gridFeatures } from './grid-columns'
import { GridHeader } from './GridHeader'
import { GridRow } from './GridRow'
import { newRowKeys, recycleRowKeys, type RowKeys } from './recycle-keys'

export const ROW_HEIGHT = 32
const GUTTER = 64
const WIDE_TABLE = 40

export interface DataGridProps {
  structure: TableStructure
  /** The page's slots (a slot's row is undefined until its block arrives). */
  data: RowSlot[]
  /** Row number of data[0] minus one (the page's offset). */
  offset: number
  sorting: SortTerm[]
  onSortingChange: (sorting: SortTerm[]) => void
  layout: ColumnLayout | undefined
  onLayoutChange: (layout: ColumnLayout) => void
  /** Staged edits, deletes and failures are keyed by primary key (rowKey). */
  rowKeyOf: (row: Row) => string
  selection: RowSelectionState
  onSelectionChange: (selection: RowSelectionState) => void
  selectable: boolean
  editable: boolean
  staged: StagedChanges
  failed: Record<string, string>
  /** The row shown in the row panel (the current row), if the panel is open. */
  inspected: number | null
  /** The current row changed (a cell was activated), or the user asked for a row's details (open = true). */
  onCurrentRow: (index: number, open: boolean) => void
  onToggleDetails: () => void
  onVisibleRange: (from: number, to: number) => void
  onStageEdit: (index: number, column: string, value: unknown) => void
  onOpenValue: (index: number, column: string, edit: boolean) => void
  onFollow: (index: number, fk: ForeignKeyMeta) => void
  emptyText: string
}

const SelectAll = memo(function SelectAll({ checked, indeterminate, onToggle }: { checked: boolean; indeterminate: boolean; onToggle: (e: React.ChangeEvent<HTMLInputElement>) => void }): ReactElement {
  return (
    <input
      type="checkbox"
      aria-label="Select all loaded rows"
      checked={checked}
      ref={(el) => {
        if (el) el.indeterminate = indeterminate
      }}
      onChange={onToggle}
    />
  )
})

const toColumnSort = (s: SortTerm[]): SortingState => s.map((t) => ({ id: t.column, desc: t.desc }))
const slotId = (_slot: RowSlot, index: number): string => String(index)

export function DataGrid(p: DataGridProps): ReactElement {
  const { structure, data, layout } = p
  const columns = useMemo(() => buildColumns(structure.columns), [structure.columns])
  const metaByName = useMemo(() => new Map(structure.columns.map((c) => [c.name, c])), [structure.columns])
  const kinds = useMemo(() => new Map<string, ValueKind>(structure.columns.map((c) => [c.name, valueKind(c)])), [structure.columns])
  const fkByColumn = useMemo(() => {
    const m = new Map<string, ForeignKeyMeta>()
    for (const fk of structure.foreignKeys) for (const c of fk.from_columns) m.set(c, fk)
    return m
  }, [structure.foreignKeys])

  const sorting = useMemo(() => toColumnSort(p.sorting), [p.sorting])
  const names = useMemo(() => structure.columns.map((c) => c.name), [structure.columns])
  const columnOrder = useMemo(() => {
    const saved = (layout?.order ?? []).filter((n) => names.includes(n))
    return [...saved, ...names.filter((n) => !saved.includes(n))]
  }, [layout?.order, names])
  const columnVisibility = useMemo(() => Object.fromEntries(Object.entries(layout?.hidden ?? {}).map(([k, v]) => [k, !v])), [layout?.hidden])
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>(() => layout?.sizes ?? {})

  const saveLayout = useCallback(
    (patch: Partial<ColumnLayout>) => p.onLayoutChange({ order: columnOrder, hidden: layout?.hidden ?? {}, sizes: columnSizing, ...patch }),
    [columnOrder, layout?.hidden, columnSizing, p.onLayoutChange],
  )

  const table = useTable({
    features: gridFeatures,
    columns,
    data,
    // Ids are positions in the page: a slot keeps its id while its row arrives, so the row model is built once.
    getRowId: slotId,
    manualSorting: true,
    enableMultiSort: true,
    isMultiSortEvent: (e) => (e as MouseEvent).shiftKey,
    enableSortingRemoval: true,
    // Click → ascending first, whatever the column's type (TanStack starts numbers descending by default).
    sortDescFirst: false,
    columnResizeMode: 'onChange',
    enableRowSelection: (row) => p.selectable && row.original.row !== undefined,
    state: { sorting, columnOrder, columnVisibility, columnSizing, rowSelection: p.selection },
    onSortingChange: (u: Updater<SortingState>) => {
      const next = typeof u === 'function' ? u(sorting) : u
      p.onSortingChange(next.map((s) => ({ column: s.id, desc: s.desc })))
    },
    onColumnSizingChange: (u: Updater<ColumnSizingState>) => setColumnSizing((prev) => (typeof u === 'function' ? u(prev) : u)),
    onRowSelectionChange: (u: Updater<RowSelectionState>) => p.onSelectionChange(typeof u === 'function' ? u(p.selection) : u),
  })

  // Widths are remembered once a drag ends, not on every mouse move; a reset from the Columns menu comes back in.
  const resizing = table.state.columnResizing.isResizingColumn
  const wasResizing = useRef<string | false>(false)
  useEffect(() => {
    if (wasResizing.current && !resizing) saveLayout({ sizes: columnSizing })
    wasResizing.current = resizing
  }, [resizing, columnSizing, saveLayout])
  const savedSizes = JSON.stringify(layout?.sizes ?? {})
  useEffect(() => {
    if (!wasResizing.current) setColumnSizing(JSON.parse(savedSizes) as ColumnSizingState)
  }, [savedSizes])

  const rows = table.getRowModel().rows
  const visibleColumns = table.getVisibleLeafColumns()
  const headers = table.getHeaderGroups()[0]?.headers ?? []
  const scroller = useRef<HTMLDivElement>(null)

  const rowVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  })
  // Columns are virtualized only for wide tables: below that, drawing every column is cheaper than a second
  // scroll listener reading the scroll position (a forced layout) right after each row render.
  const wide = visibleColumns.length > WIDE_TABLE
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: visibleColumns.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => visibleColumns[i]?.getSize() ?? 150,
    overscan: 2,
    enabled: wide,
  })
  const sizeKey = visibleColumns.map((c) => `${c.id}:${c.getSize()}`).join('|')
  useEffect(() => columnVirtualizer.measure(), [sizeKey, columnVirtualizer])

  const virtualRows = rowVirtualizer.getVirtualItems()
  // Row elements are recycled: a row scrolling out hands its key, and so its DOM, to a row scrolling in, which
  // only updates texts and classes. Rows are drawn in key order (they are placed by transform): an element that
  // moved in the DOM would be laid out again from scratch, like a new one.
  const rowKeys = useRef<RowKeys>(newRowKeys())
  const firstIndex = virtualRows[0]?.index ?? 0
  const lastIndex = virtualRows[virtualRows.length - 1]?.index ?? -1
  // Same range, same keys: rendering again (or twice) changes nothing.
  const keyOf = recycleRowKeys(rowKeys.current, firstIndex, lastIndex)
  const keyed = virtualRows.map((vr) => ({ vr, key: keyOf.get(vr.index) ?? -1 })).sort((a, b) => a.key - b.key)
  const allColumns = useMemo(() => {
    let start = 0
    return visibleColumns.map((c, index) => {
      const size = c.getSize()
      const item = { index, key: c.id, start, end: start + size, size, lane: 0 }
      start += size
      return item
    })
    // sizeKey stands for the sizes the items are built from.
  }, [sizeKey])
  const virtualColumns = wide ? columnVirtualizer.getVirtualItems() : allColumns
  const { onVisibleRange } = p
  useEffect(() => {
    if (lastIndex >= 0) onVisibleRange(firstIndex, lastIndex + 1)
  }, [firstIndex, lastIndex, onVisibleRange])

  const totalWidth = table.getTotalSize()
  const padLeft = virtualColumns[0]?.start ?? 0
  const padRight = virtualColumns.length ? totalWidth - (virtualColumns[virtualColumns.length - 1]?.end ?? 0) : 0

  // Callbacks read the rows through a ref, so a block landing does not hand every cell new callbacks.
  const dataRef = useRef(data)
  dataRef.current = data
  const [active, setActive] = useState<{ row: number; column: string } | null>(null)
  const [editing, setEditing] = useState<{ row: number; column: string } | null>(null)

  const canEdit = useCallback((column: string) => {
    const meta = metaByName.get(column)
    return p.editable && !!meta && !meta.generated && meta.identity !== 'always'
  }, [metaByName, p.editable])

  const { onCurrentRow } = p
  const onActivate = useCallback((row: number, column: string) => {
    setActive({ row, column })
    onCurrentRow(row, false)
    scroller.current?.focus({ preventScroll: true })
  }, [onCurrentRow])
  const onInspect = useCallback((row: number) => onCurrentRow(row, true), [onCurrentRow])
  // Shift+click extends the selection from the last clicked row (loaded rows only).
  const lastSelected = useRef<number | null>(null)
  const { onSelectionChange } = p
  const selectionRef = useRef(p.selection)
  selectionRef.current = p.selection
  const onSelect = useCallback((index: number, range: boolean) => {
    const current = selectionRef.current
    const next = { ...current }
    if (range && lastSelected.current !== null) {
      const [a, b] = [Math.min(lastSelected.current, index), Math.max(lastSelected.current, index)]
      for (let i = a; i <= b; i++) if (dataRef.current[i]?.row) next[String(i)] = true
    } else if (next[String(index)]) {
      delete next[String(index)]
    } else {
      next[String(index)] = true
    }
    lastSelected.current = index
    onSelectionChange(next)
  }, [onSelectionChange])
  const onStartEdit = useCallback((row: number, column: string) => {
    if (!canEdit(column) || !dataRef.current[row]?.row) return
    setActive({ row, column })
    setEditing({ row, column })
  }, [canEdit])
  const move = useCallback((row: number, column: string, dir: 'up' | 'down' | 'left' | 'right') => {
    const ids = visibleColumns.map((c) => c.id)
    const ci = Math.max(0, ids.indexOf(column))
    const next = {
      row: Math.min(dataRef.current.length - 1, Math.max(0, row + (dir === 'down' ? 1 : dir === 'up' ? -1 : 0))),
      column: ids[Math.min(ids.length - 1, Math.max(0, ci + (dir === 'right' ? 1 : dir === 'left' ? -1 : 0)))] ?? column,
    }
    setActive(next)
    rowVirtualizer.scrollToIndex(next.row)
    const colIndex = ids.indexOf(next.column)
    if (colIndex >= 0) columnVirtualizer.scrollToIndex(colIndex)
  }, [visibleColumns, rowVirtualizer, columnVirtualizer])
  const { onStageEdit } = p
  const onCommit = useCallback((row: number, column: string, value: unknown, dir?: 'down' | 'right') => {
    setEditing(null)
    onStageEdit(row, column, value)
    if (dir) move(row, column, dir)
    scroller.current?.focus({ preventScroll: true })
  }, [onStageEdit, move])
  const onCancel = useCallback(() => {
    setEditing(null)
    scroller.current?.focus({ preventScroll: true })
  }, [])
  const { onOpenValue, onFollow } = p
  const onOpen = useCallback((row: number, column: string) => {
    setEditing(null)
    onOpenValue(row, column, false)
  }, [onOpenValue])
  const onFollowCell = useCallback((row: number, column: string) => {
    const fk = fkByColumn.get(column)
    if (fk) onFollow(row, fk)
  }, [fkByColumn, onFollow])

  const handlers = useMemo(() => ({ onActivate, onStartEdit, onCommit, onCancel, onOpen, onFollow: onFollowCell }), [onActivate, onStartEdit, onCommit, onCancel, onOpen, onFollowCell])

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (editing || !active) return
    const arrows: Record<string, 'up' | 'down' | 'left' | 'right'> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' }
    if (arrows[e.key]) {
      e.preventDefault()
      move(active.row, active.column, arrows[e.key])
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault()
      const kind = kinds.get(active.column)
      if (kind === 'json' || kind === 'array') onOpenValue(active.row, active.column, true)
      else onStartEdit(active.row, active.column)
    } else if (e.key === ' ') {
      e.preventDefault()
      p.onToggleDetails()
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') {
      const row = data[active.row]?.row
      if (row) void copyText(valueToText(row[active.column]) ?? 'NULL')
    } else if (e.key === 'Escape') {
      setActive(null)
    }
  }

  const onDropColumn = useCallback(
    (dragged: string, target: string) => {
      const next = columnOrder.filter((n) => n !== dragged)
      next.splice(next.indexOf(target), 0, dragged)
      saveLayout({ order: next })
    },
    [columnOrder, saveLayout],
  )
  // Stable, so the header's check box is not rendered again (and its input reset) on every scroll frame.
  const tableRef = useRef(table)
  tableRef.current = table
  const onToggleAll = useCallback((e: React.ChangeEvent<HTMLInputElement>) => tableRef.current.getToggleAllRowsSelectedHandler()(e), [])

  const stagedEdits = p.staged.edits
  const stagedDeletes = p.staged.deletes
  const sortIndexes = new Map(p.sorting.map((s, i) => [s.column, i]))

  return (
    <div
      ref={scroller}
      className="tb-grid"
      role="grid"
      aria-rowcount={data.length + 1}
      aria-colcount={visibleColumns.length}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="data-grid"
    >
      <div className="tb-grid__head" role="row" style={{ width: totalWidth + GUTTER }}>
        <div className="tb-gutter tb-gutter--head" role="columnheader" aria-label="Row">
          {p.selectable && <SelectAll checked={table.getIsAllRowsSelected()} indeterminate={table.getIsSomeRowsSelected()} onToggle={onToggleAll} />}
        </div>
        {padLeft > 0 && <div style={{ width: padLeft }} className="tb-pad" />}
        {virtualColumns.map((vc) => {
          const header = headers[vc.index]
          if (!header) return null
          return (
            <GridHeader
              key={header.id}
              header={header}
              meta={metaByName.get(header.column.id)}
              isFk={fkByColumn.has(header.column.id)}
              sorted={header.column.getIsSorted()}
              sortIndex={sortIndexes.get(header.column.id) ?? 0}
              multiSort={p.sorting.length > 1}
              size={header.getSize()}
              resizing={header.column.getIsResizing()}
              onDropColumn={onDropColumn}
            />
          )
        })}
        {padRight > 0 && <div style={{ width: padRight }} className="tb-pad" />}
      </div>
      {data.length === 0 ? (
        <div className="tb-grid__empty">{p.emptyText}</div>
      ) : (
        <div className="tb-grid__body" style={{ height: rowVirtualizer.getTotalSize(), width: totalWidth + GUTTER }}>
          {keyed.map(({ vr, key: elementKey }) => {
            const row = rows[vr.index]
            if (!row) return null
            const values = row.original.row
            const key = values === undefined ? '' : p.rowKeyOf(values)
            return (
              <GridRow
                // A row keeps its key (and skips rendering) while it stays in view; then its element is reused.
                key={elementKey}
                values={values}
                index={vr.index}
                top={vr.start}
                width={totalWidth + GUTTER}
                number={p.offset + vr.index + 1}
                selectable={p.selectable}
                selected={!!p.selection[row.id]}
                inspected={p.inspected === vr.index}
                edit={values === undefined ? undefined : stagedEdits[key]}
                deleted={values !== undefined && !!stagedDeletes[key]}
                failed={values === undefined ? undefined : p.failed[key]}
                activeColumn={active?.row === vr.index ? active.column : null}
                editingColumn={editing?.row === vr.index ? editing.column : null}
                virtualColumns={virtualColumns}
                columns={visibleColumns}
                padLeft={padLeft}
                padRight={padRight}
                layoutKey={sizeKey}
                metaByName={metaByName}
                kinds={kinds}
                fkByColumn={fkByColumn}
                onInspect={onInspect}
                onSelect={onSelect}
                handlers={handlers}
              />
            )
          })}
        </div>
      )}
    </div>
  )
}
