// features/tables/grid/GridHeader.tsx — one column header: name and type, key marks, the sort state (click: asc →
// desc → none; Shift+click adds a column to the sort), a drag handle to reorder and an edge to resize.
import { memo, type ReactElement } from 'react'
import type { Header } from '@tanstack/react-table'
import type { ColumnMeta } from '../../../../../contract/table-meta'
import type { RowSlot } from '../lib/row-window'
import type { GridFeatures } from './grid-columns'

// Memoised (the grid renders again on every scroll frame): what it shows from the table's state (width, sort,
// resizing) comes in as props, so a change to any of them still draws it again.
export const GridHeader = memo(function GridHeader({ header, meta, isFk, sorted, sortIndex, multiSort, size, resizing, onDropColumn }: {
  header: Header<GridFeatures, RowSlot, unknown>
  meta: ColumnMeta | undefined
  isFk: boolean
  sorted: false | 'asc' | 'desc'
  sortIndex: number
  multiSort: boolean
  size: number
  resizing: boolean
  onDropColumn: (dragged: string, target: string) => void
}): ReactElement {
  const column = header.column
  const toggle = column.getToggleSortingHandler()
  const resize = header.getResizeHandler()
  return (
    <div
      role="columnheader"
      className={`tb-th${sorted ? ' tb-th--sorted' : ''}${resizing ? ' tb-th--resizing' : ''}`}
      style={{ width: size }}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      data-column={column.id}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData('text/x-column', column.id)
        e.dataTransfer.effectAllowed = 'move'
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('text/x-column')) {
          e.preventDefault()
          e.currentTarget.classList.add('tb-th--drop')
        }
      }}
      onDragLeave={(e) => e.currentTarget.classList.remove('tb-th--drop')}
      onDrop={(e) => {
        e.currentTarget.classList.remove('tb-th--drop')
        const dragged = e.dataTransfer.getData('text/x-column')
        if (dragged && dragged !== column.id) onDropColumn(dragged, column.id)
      }}
    >
      <button
        type="button"
        className="tb-th__button"
        onClick={toggle}
        title={`Sort by ${column.id} (Shift+click to sort by several columns)${meta ? `\n${meta.type}${meta.nullable ? '' : ' NOT NULL'}${meta.default_value ? `\ndefault ${meta.default_value}` : ''}` : ''}`}
      >
        <span className="tb-th__name">
          {meta?.primary_key && (
            <span className="tb-th__mark tb-th__mark--pk" title="Primary key">
              PK
            </span>
          )}
          {isFk && (
            <span className="tb-th__mark tb-th__mark--fk" title="Foreign key: click a value to open the referenced row">
              FK
            </span>
          )}
          {column.id}
        </span>
        <span className="tb-th__type">{meta?.type}</span>
        <span className="tb-th__sort" aria-hidden="true">
          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
          {sorted && multiSort ? <sub>{sortIndex + 1}</sub> : null}
        </span>
      </button>
      <span
        className="tb-th__resizer"
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${column.id}`}
        // preventDefault: the header is draggable (to reorder); a drag must not start from its resize edge.
        onMouseDown={(e) => {
          e.preventDefault()
          resize(e)
        }}
        onTouchStart={resize}
        onDoubleClick={() => column.resetSize()}
        onClick={(e) => e.stopPropagation()}
      />
    </div>
  )
})
