// features/realtime/changes/ChangeFilterBar.tsx — narrows the stream (schema, table, event types, text) and pauses it:
// while paused the list stands still and the buffer keeps filling, with a count of what arrived meanwhile.
import { useMemo, type ReactElement } from 'react'
import type { CapturedChangeType, InspectorChange } from '../../../../../contract/studio-realtime'
import { useStudioStore } from '../../../store'
import { isFiltered, NO_FILTERS, seenTables } from '../change-filter'
import { plural } from '../format'

const TYPES: CapturedChangeType[] = ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'DDL']

export function ChangeFilterBar({ all, shownCount }: { all: InspectorChange[]; shownCount: number }): ReactElement {
  const filters = useStudioStore((s) => s.rtFilters)
  const setFilters = useStudioStore((s) => s.setRtFilters)
  const paused = useStudioStore((s) => s.rtPaused)
  const setPaused = useStudioStore((s) => s.setRtPaused)
  const arrived = useStudioStore((s) => s.rtArrivedWhilePaused)
  const clear = useStudioStore((s) => s.clearRtChanges)
  const seen = useMemo(() => seenTables(all), [all])
  // A filter picked before its table had changes stays in the menu.
  const schemas = filters.schema && !seen.schemas.includes(filters.schema) ? [...seen.schemas, filters.schema] : seen.schemas
  const tables = seen.tables.filter((t) => !filters.schema || t.schema === filters.schema)
  const tableNames = [...new Set(tables.map((t) => t.table))]
  if (filters.table && !tableNames.includes(filters.table)) tableNames.push(filters.table)

  const toggleType = (t: CapturedChangeType) => setFilters({ types: filters.types.includes(t) ? filters.types.filter((x) => x !== t) : [...filters.types, t] })

  return (
    <div className="rt-filterbar">
      <input
        className="ui-input rt-filterbar__search"
        type="search"
        placeholder="Search values…"
        aria-label="Search changes"
        value={filters.text}
        onChange={(e) => setFilters({ text: e.target.value })}
      />
      <select className="ui-select" value={filters.schema} onChange={(e) => setFilters({ schema: e.target.value, table: '' })} aria-label="Schema">
        <option value="">All schemas</option>
        {schemas.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select className="ui-select" value={filters.table} onChange={(e) => setFilters({ table: e.target.value })} aria-label="Table">
        <option value="">All tables</option>
        {tableNames.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <div className="rt-chips" role="group" aria-label="Event types">
        {TYPES.map((t) => (
          <button key={t} type="button" className="ui-chip" aria-pressed={filters.types.includes(t)} onClick={() => toggleType(t)}>
            {t}
          </button>
        ))}
      </div>
      <label className="rt-filterbar__internal" title="The studio's own writes: auth.impersonation_sessions, auth.passwords and auth.sessions">
        <input type="checkbox" checked={filters.showInternal} onChange={(e) => setFilters({ showInternal: e.target.checked })} data-testid="rt-show-internal" />
        Studio’s own
      </label>
      {isFiltered(filters) && (
        <button type="button" className="ui-button ui-button--ghost ui-button--small" onClick={() => setFilters({ ...NO_FILTERS, showInternal: filters.showInternal })}>
          Clear filters
        </button>
      )}
      <span className="rt-filterbar__spacer" />
      <span className="rt-filterbar__count tabular" data-testid="rt-shown-count">
        {shownCount !== all.length ? `${shownCount.toLocaleString('en-US')} of ${plural(all.length, 'change')}` : plural(all.length, 'change')}
      </span>
      <button type="button" className={`ui-button ui-button--small${paused ? ' ui-button--primary' : ''}`} onClick={() => setPaused(!paused)} data-testid="rt-pause">
        {paused ? `Resume${arrived ? ` (${arrived.toLocaleString('en-US')} new)` : ''}` : 'Pause'}
      </button>
      <button type="button" className="ui-button ui-button--ghost ui-button--small" onClick={clear} disabled={all.length === 0}>
        Clear
      </button>
    </div>
  )
}
