// features/logs/LogFilterBar.tsx — the log viewer's filters: sources (none picked = all), minimum level, HTTP
// status, identity (a user id or a role), path prefix; "Clear filters" when any is on.
import { useCallback, type ReactElement } from 'react'
import { LOG_CATEGORIES, type LogCategory } from '../../../../contract/studio-logs'
import { Button, Chip, Select, Toolbar } from '../../components/ui'
import { useStudioStore } from '../../store'
import { activeFilterCount, type MinLevel } from './log-filters'
import { CATEGORY_LABELS } from './log-line'
import { useDebouncedField } from './use-debounced-field'

const LEVELS: Array<{ value: MinLevel; label: string }> = [
  { value: 'all', label: 'All levels' },
  { value: 'debug', label: 'Debug and up' },
  { value: 'info', label: 'Info and up' },
  { value: 'warn', label: 'Warnings and errors' },
  { value: 'error', label: 'Errors only' },
]

export function LogFilterBar(): ReactElement {
  const filters = useStudioStore((s) => s.logFilters)
  const setFilters = useStudioStore((s) => s.setLogFilters)
  const clear = useStudioStore((s) => s.clearLogFilters)
  const identity = useDebouncedField(filters.identity, useCallback((identity: string) => setFilters({ identity }), [setFilters]))
  const path = useDebouncedField(filters.path, useCallback((path: string) => setFilters({ path }), [setFilters]))
  const status = useDebouncedField(filters.status, useCallback((status: string) => setFilters({ status }), [setFilters]))
  const toggle = (c: LogCategory) => setFilters({ categories: filters.categories.includes(c) ? filters.categories.filter((x) => x !== c) : [...filters.categories, c] })

  return (
    <Toolbar label="Filters" variant="plain" className="logs-filters">
      <div className="logs-filters__sources" role="group" aria-label="Sources">
        {LOG_CATEGORIES.filter((c) => c !== 'custom').map((c) => (
          <Chip key={c} className={`logs-chip logs-chip--${c}`} selected={filters.categories.includes(c)} onClick={() => toggle(c)}>
            {CATEGORY_LABELS[c]}
          </Chip>
        ))}
      </div>
      <Select aria-label="Level" value={filters.minLevel} onValueChange={(minLevel) => setFilters({ minLevel: minLevel as MinLevel })} options={LEVELS} />
      <input className="ui-input logs-filters__status" list="log-status-presets" placeholder="Status" aria-label="Status" spellCheck={false} {...status} />
      <datalist id="log-status-presets">
        <option value="2xx" />
        <option value="3xx" />
        <option value="4xx" />
        <option value="5xx" />
      </datalist>
      <input className="ui-input logs-filters__identity" placeholder="User id or role" aria-label="Identity" spellCheck={false} {...identity} />
      <input className="ui-input logs-filters__path" placeholder="Path, e.g. /api/v1/tables/posts" aria-label="Path" spellCheck={false} {...path} />
      {activeFilterCount(filters) > 0 && (
        <Button variant="ghost" onClick={clear}>
          Clear filters
        </Button>
      )}
    </Toolbar>
  )
}
