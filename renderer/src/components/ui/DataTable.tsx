// components/ui/DataTable.tsx — a plain table for small lists (users, buckets, policies, grants, connections): a
// real <table> with a caption for screen readers, column headers, optional row selection by click or Enter, and an
// empty state. No virtualisation: for thousands of rows the Tables grid stays its own. Styles: DataTable.css.
import type { KeyboardEvent, ReactElement, ReactNode } from 'react'

export interface DataColumn<Row> {
  key: string
  header: ReactNode
  /** The cell; default: `String(row[key])`. */
  cell?(row: Row): ReactNode
  align?: 'start' | 'end'
  /** A CSS width ("120px", "30%"). */
  width?: string
  mono?: boolean
}

export interface DataTableProps<Row> {
  columns: Array<DataColumn<Row>>
  rows: Row[]
  rowKey(row: Row): string
  /** Names the table for screen readers (visually hidden). */
  caption: string
  /** Makes rows selectable: click or Enter on a focused row. */
  onRowClick?(row: Row): void
  /** The key of the row shown as selected (aria-selected). */
  selectedKey?: string
  /** Shown in place of the body when there are no rows (an EmptyState, compact). */
  empty?: ReactNode
  /** Shown in place of the body while loading (SkeletonRows). */
  loading?: ReactNode
  className?: string
  'data-testid'?: string
}

export function DataTable<Row>({ columns, rows, rowKey, caption, onRowClick, selectedKey, empty, loading, className, ...rest }: DataTableProps<Row>): ReactElement {
  const onKey = (event: KeyboardEvent, row: Row) => {
    if (onRowClick && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault()
      onRowClick(row)
    }
  }
  const placeholder = loading ?? (rows.length === 0 ? empty : undefined)
  return (
    <div className={className ? `ui-table-wrap ${className}` : 'ui-table-wrap'} data-testid={rest['data-testid']}>
      <table className={onRowClick ? 'ui-table ui-table--interactive' : 'ui-table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" style={{ width: column.width, textAlign: column.align === 'end' ? 'right' : undefined }}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {placeholder !== undefined ? (
            <tr>
              <td colSpan={columns.length} className="ui-table__placeholder">
                {placeholder}
              </td>
            </tr>
          ) : (
            rows.map((row) => {
              const key = rowKey(row)
              return (
                <tr
                  key={key}
                  tabIndex={onRowClick ? 0 : undefined}
                  aria-selected={onRowClick ? key === selectedKey : undefined}
                  onClick={onRowClick && (() => onRowClick(row))}
                  onKeyDown={onRowClick && ((event) => onKey(event, row))}
                >
                  {columns.map((column) => (
                    <td key={column.key} className={column.mono ? 'ui-table__mono' : undefined} style={{ textAlign: column.align === 'end' ? 'right' : undefined }}>
                      {column.cell ? column.cell(row) : String((row as Record<string, unknown>)[column.key] ?? '')}
                    </td>
                  ))}
                </tr>
              )
            })
          )}
        </tbody>
      </table>
    </div>
  )
}
