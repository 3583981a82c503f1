// features/tables/grid/GridRow.tsx — one row of the grid: the gutter (row number; select, Shift for a range; double
// click for the row panel) and its cells,
// or a single light placeholder while its block is on its way. Memoised: while scrolling, rows that stay in view
// are not rendered again, only the rows coming into view are, into the elements of rows that went out of view.
import { memo, useEffect, useRef, type ReactElement } from 'react'
import type { VirtualItem } from '@tanstack/react-virtual'
import type { ColumnMeta, ForeignKeyMeta } from '../../../../../contract/table-meta'
import type { StagedEdit } from '../lib/staged-calls'
import type { Row, ValueKind } from '../lib/value-types'
import { GridCell, type CellProps } from './GridCell'
import { sameProps } from './same-props'

export interface GridRowProps {
  /** The slot's row (undefined while loading). */
  values: Row | undefined
  index: number
  top: number
  width: number
  number: number
  selectable: boolean
  selected: boolean
  inspected: boolean
  edit: StagedEdit | undefined
  deleted: boolean
  failed: string | undefined
  /** The active (and editing) cell's column when it is on this row. */
  activeColumn: string | null
  editingColumn: string | null
  virtualColumns: VirtualItem[]
  /** The visible columns in grid order (virtualColumns index into it). */
  columns: Array<{ id: string }>
  padLeft: number
  padRight: number
  /** Changes when column sizes, order or visibility change (cells read their widths from the table model). */
  layoutKey: string
  metaByName: Map<string, ColumnMeta>
  kinds: Map<string, ValueKind>
  fkByColumn: Map<string, ForeignKeyMeta>
  onInspect: (index: number) => void
  onSelect: (index: number, range: boolean) => void
  handlers: Pick<CellProps, 'onActivate' | 'onStartEdit' | 'onCommit' | 'onCancel' | 'onOpen' | 'onFollow'>
}

export const GridRow = memo(function GridRow(p: GridRowProps): ReactElement {
  const pending = p.values === undefined
  // The element now shows another row: focus left inside it (a clicked row number) must not act on this one.
  const element = useRef<HTMLDivElement>(null)
  const shown = useRef(p.index)
  useEffect(() => {
    if (shown.current === p.index) return
    shown.current = p.index
    const focused = document.activeElement
    if (focused instanceof HTMLElement && element.current?.contains(focused)) element.current.closest<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true })
  }, [p.index])
  return (
    <div
      ref={element}
      role="row"
      aria-rowindex={p.index + 2}
      aria-selected={p.selected || undefined}
      className={`tb-tr${p.index % 2 ? ' tb-tr--odd' : ''}${p.selected ? ' tb-tr--selected' : ''}${p.deleted ? ' tb-tr--deleted' : ''}${p.failed ? ' tb-tr--failed' : ''}${p.inspected ? ' tb-tr--inspected' : ''}${pending ? ' tb-tr--pending' : ''}`}
      style={{ transform: `translateY(${p.top}px)`, width: p.width }}
      data-row-index={p.index}
      data-loaded={pending ? undefined : 'true'}
      title={p.failed}
    >
      <div className="tb-gutter" role="rowheader">
        {/* One button: the row number, with a check box drawn by CSS (a form control per row costs more to draw). */}
        <button
          type="button"
          className={`tb-gutter__n tabular${p.selectable && !pending ? ' tb-gutter__n--check' : ''}`}
          aria-pressed={p.selectable && !pending ? p.selected : undefined}
          aria-label={p.selectable && !pending ? `Select row ${p.number}` : `Row ${p.number}`}
          disabled={pending}
          title="Click to select (Shift+click for a range) · double-click for the row's details"
          onClick={(e) => p.selectable && p.onSelect(p.index, e.shiftKey)}
          onDoubleClick={() => p.onInspect(p.index)}
        >
          {p.number}
        </button>
      </div>
      {pending ? (
        // A row whose block is on its way is one light element, so a fast fling stays cheap.
        <div role="gridcell" className="tb-td tb-td--pending" aria-busy="true" style={{ width: p.width - 64 }} />
      ) : (
        <>
          {p.padLeft > 0 && <div style={{ width: p.padLeft }} className="tb-pad" />}
          {p.virtualColumns.map((vc) => {
            // Values come straight from the slot by column (TanStack's per-row cell objects would be kept for
            // every row ever drawn; the grid needs only the column's id and width).
            const column = p.columns[vc.index]
            if (!column) return null
            const name = column.id
            const meta = p.metaByName.get(name)
            if (!meta) return null
            const isStaged = !!p.edit && name in p.edit.changes
            return (
              <GridCell
                key={name}
                rowIndex={p.index}
                column={meta}
                kind={p.kinds.get(name) ?? 'text'}
                value={isStaged ? p.edit?.changes[name] : p.values?.[name]}
                width={vc.size}
                staged={isStaged}
                before={isStaged ? p.edit?.before[name] : undefined}
                active={p.activeColumn === name}
                editing={p.editingColumn === name}
                isFk={p.fkByColumn.has(name)}
                {...p.handlers}
              />
            )
          })}
          {p.padRight > 0 && <div style={{ width: p.padRight }} className="tb-pad" />}
        </>
      )}
    </div>
  )
}, sameProps)
