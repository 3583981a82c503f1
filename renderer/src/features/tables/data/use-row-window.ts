// features/tables/data/use-row-window.ts — the RowWindow behind the grid for the current table, filter, sort, page
// and identity: a new window (and a fresh count) whenever one of those changes; the total learnt on one page is
// carried to the next so paging never re-counts. Refresh and writes reload the window in place.
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { TableStructure } from '../../../../../contract/table-meta'
import { fetchRows } from '../../../api/tables-api'
import { useStudioStore } from '../../../store'
import type { GridQuery } from '../../../store/tables-slice'
import { filterParams } from '../lib/filter-model'
import { blockQuery, orderParam, type QueryParam } from '../lib/rest-query'
import { BLOCK_SIZE, RowWindow } from '../lib/row-window'

export interface WindowHandle {
  window: RowWindow
  version: number
  filters: QueryParam[]
  order: string | undefined
}

export function useRowWindow(structure: TableStructure | undefined, query: GridQuery): WindowHandle | undefined {
  const identity = useStudioStore((s) => s.identity)
  const filters = useMemo(() => filterParams(query.filter), [query.filter])
  const order = useMemo(() => (structure ? orderParam(query.sorting, structure.columns, structure.primaryKey) : undefined), [structure, query.sorting])
  const known = useRef<{ key: string; total: number; exact: boolean } | null>(null)
  // A total is carried between pages of the same result (same table, filter and identity) only.
  const filterKey = JSON.stringify([structure?.schema, structure?.name, filters, identity.label, identity.accessToken])

  const win = useMemo(() => {
    if (!structure) return undefined
    const carried = known.current?.key === filterKey ? known.current : null
    return new RowWindow(
      async (offset, limit, withCount, signal) => {
        const page = await fetchRows(structure.schema, structure.name, blockQuery(filters, order, offset, limit, withCount), signal)
        if (withCount) performance.mark('tables:first-block')
        return page
      },
      { start: query.pageStart, capacity: query.pageSize, blockSize: BLOCK_SIZE, total: carried?.total, totalExact: carried?.exact },
    )
  }, [structure, filters, order, query.pageStart, query.pageSize, filterKey])

  useEffect(() => {
    if (!win) return
    return () => win.dispose()
  }, [win])

  const version = useSyncExternalStore(win?.subscribe ?? noopSubscribe, win?.getVersion ?? zero)

  useEffect(() => {
    if (win?.total !== undefined) known.current = { key: filterKey, total: win.total, exact: win.totalExact }
  }, [win, version, filterKey])

  return win ? { window: win, version, filters, order } : undefined
}

const noopSubscribe = () => () => undefined
const zero = () => 0
