// features/tables/grid/grid-columns.ts — the TanStack Table set-up of the data grid: the features it registers
// (sizing, resizing, visibility, ordering, server-side sorting, row selection) and one column per table column,
// sized by type unless the user resized it. Kept at module scope / memoised: Table needs stable inputs.
import { columnOrderingFeature, columnResizingFeature, columnSizingFeature, columnVisibilityFeature, rowSelectionFeature, rowSortingFeature, tableFeatures, type ColumnDef } from '@tanstack/react-table'
import type { ColumnMeta } from '../../../../../contract/table-meta'
import type { RowSlot } from '../lib/row-window'
import { valueKind, type ValueKind } from '../lib/value-types'

export const gridFeatures = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  rowSortingFeature,
  rowSelectionFeature,
})

export type GridFeatures = typeof gridFeatures
export type GridColumnDef = ColumnDef<GridFeatures, RowSlot, unknown>

const WIDTH_BY_KIND: Record<ValueKind, number> = {
  bool: 96,
  number: 120,
  json: 240,
  array: 200,
  timestamptz: 250,
  timestamp: 220,
  date: 120,
  time: 120,
  uuid: 300,
  bytea: 170,
  text: 220,
}

export function defaultWidth(column: ColumnMeta): number {
  const byName = column.name.length * 8 + 56
  return Math.min(420, Math.max(WIDTH_BY_KIND[valueKind(column)], byName))
}

export function buildColumns(columns: ColumnMeta[]): GridColumnDef[] {
  return columns.map((c) => ({
    id: c.name,
    accessorFn: (slot: RowSlot) => slot.row?.[c.name],
    header: c.name,
    size: defaultWidth(c),
    minSize: 60,
    maxSize: 1200,
    enableSorting: true,
    enableHiding: true,
    enableResizing: true,
  }))
}
