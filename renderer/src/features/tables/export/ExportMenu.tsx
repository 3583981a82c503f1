// features/tables/export/ExportMenu.tsx — rows out of the grid: the selected rows or every row the filter matches
// (fetched page by page through the same REST reads, as the current identity) as CSV or JSON files; the selection
// copied as JSON or as INSERT statements.
import { useRef, useState, type ReactElement } from 'react'
import type { TableStructure } from '../../../../../contract/table-meta'
import { copyText } from '../../../api/clipboard'
import { fetchRows } from '../../../api/tables-api'
import { downloadText } from '../lib/download'
import { toCsv, toInsertSql, toJson } from '../lib/export-rows'
import type { QueryParam } from '../lib/rest-query'
import type { Row } from '../lib/value-types'
import { errorWords } from '../ui/ErrorNote'
import { formatCount } from '../ui/format'
import { Popover } from '../ui/Popover'

const PAGE = 1000
/** Beyond this the export asks first: it is all held in memory before the file is saved. */
const CONFIRM_ABOVE = 200_000

export function ExportMenu({ structure, selected, columns, filters, order, total, totalExact }: {
  structure: TableStructure
  selected: Row[]
  /** Visible columns, in grid order. */
  columns: string[]
  filters: QueryParam[]
  order: string | undefined
  total: number | undefined
  totalExact: boolean
}): ReactElement {
  const [status, setStatus] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const cancel = useRef<AbortController | null>(null)
  const base = `${structure.schema}.${structure.name}`
  const metas = columns.map((c) => structure.columns.find((m) => m.name === c)).filter((m): m is NonNullable<typeof m> => !!m)

  const save = (rows: Row[], format: 'csv' | 'json', what: string): void => {
    if (format === 'csv') downloadText(`${base}${what}.csv`, toCsv(rows, columns), 'text/csv;charset=utf-8')
    else downloadText(`${base}${what}.json`, toJson(rows, columns), 'application/json')
  }

  const exportAll = async (format: 'csv' | 'json'): Promise<void> => {
    if (total !== undefined && total > CONFIRM_ABOVE && !window.confirm(`Export ${totalExact ? '' : 'about '}${formatCount(total)} rows? They are loaded into the page before the file is saved.`)) return
    const controller = new AbortController()
    cancel.current = controller
    setError(null)
    const rows: Row[] = []
    try {
      for (let offset = 0; ; offset += PAGE) {
        setStatus(`Fetching rows ${formatCount(offset + 1)}–${formatCount(offset + PAGE)}${total !== undefined ? ` of ${totalExact ? '' : '≈'}${formatCount(total)}` : ''}…`)
        const page = await fetchRows(structure.schema, structure.name, { filters, order, limit: PAGE, offset }, controller.signal)
        rows.push(...page.rows)
        if (page.rows.length < PAGE) break
      }
      save(rows, format, filters.length ? '-filtered' : '')
      setStatus(`Saved ${formatCount(rows.length)} rows as ${format.toUpperCase()}.`)
    } catch (err) {
      if ((err as Error).name === 'AbortError') setStatus('Export cancelled.')
      else {
        setStatus(null)
        setError(errorWords(err).message)
      }
    } finally {
      cancel.current = null
    }
  }

  const n = selected.length
  const rowsLabel = total === undefined ? 'all rows' : `${totalExact ? '' : '≈'}${formatCount(total)} row${total === 1 ? '' : 's'}`
  return (
    <Popover label="Export" title="Export or copy rows" align="right" testId="export-menu">
      {(close) => (
        <div className="tb-menu">
          <p className="tb-menu__label">Selected rows ({n})</p>
          <button type="button" className="tb-menu__item" disabled={!n} onClick={() => (save(selected, 'csv', '-selection'), close())}>
            Download as CSV
          </button>
          <button type="button" className="tb-menu__item" disabled={!n} onClick={() => (save(selected, 'json', '-selection'), close())}>
            Download as JSON
          </button>
          <button type="button" className="tb-menu__item" disabled={!n} onClick={() => void copyText(toJson(selected, columns)).then(() => setStatus(`Copied ${n} row${n === 1 ? '' : 's'} as JSON.`), (e: Error) => setError(e.message))}>
            Copy as JSON
          </button>
          <button
            type="button"
            className="tb-menu__item"
            disabled={!n}
            onClick={() => void copyText(toInsertSql(structure.schema, structure.name, selected, metas)).then(() => setStatus(`Copied ${n} INSERT row${n === 1 ? '' : 's'}.`), (e: Error) => setError(e.message))}
            data-testid="copy-insert"
          >
            Copy as INSERT statements
          </button>
          <p className="tb-menu__label">{filters.length ? 'Rows matching the filter' : 'Whole table'} ({rowsLabel})</p>
          <button type="button" className="tb-menu__item" disabled={!!cancel.current} onClick={() => void exportAll('csv')}>
            Download as CSV
          </button>
          <button type="button" className="tb-menu__item" disabled={!!cancel.current} onClick={() => void exportAll('json')}>
            Download as JSON
          </button>
          {status && (
            <p className="tb-menu__status" role="status">
              {status}
              {cancel.current && (
                <button type="button" className="tb-link" onClick={() => cancel.current?.abort()}>
                  Cancel
                </button>
              )}
            </p>
          )}
          {error && (
            <p className="ui-error" role="alert">
              {error}
            </p>
          )}
          <p className="tb-menu__hint">Only visible columns, in grid order. NULL is an empty CSV field; empty text is "".</p>
        </div>
      )}
    </Popover>
  )
}
