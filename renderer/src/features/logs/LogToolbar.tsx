// features/logs/LogToolbar.tsx — the log viewer's first row: search (text or regex, on the server), the time
// range, the studio's own traffic (hidden by default), live tail or table, pause/resume, export of the filtered
// entries as JSON lines, clear. Kit Toolbar: it wraps at narrow widths instead of clipping.
import { useCallback, useState, type ReactElement } from 'react'
import { Button, Chip, InlineError, Segmented, Select, Toolbar, ToolbarGroup, ToolbarSpacer } from '../../components/ui'
import { useStudioStore } from '../../store'
import { downloadLogExport } from '../../api/logs-api'
import { filterParams, filterProblem, type TimeRange } from './log-filters'
import { logFeed } from './log-feed'
import { useDebouncedField } from './use-debounced-field'

const RANGES: Array<[TimeRange, string]> = [
  ['all', 'All time'],
  ['15m', 'Last 15 minutes'],
  ['1h', 'Last hour'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['custom', 'Custom range…'],
]

function exportName(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `fluxbase-logs-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.jsonl`
}

export function LogToolbar(): ReactElement {
  const filters = useStudioStore((s) => s.logFilters)
  const setFilters = useStudioStore((s) => s.setLogFilters)
  const mode = useStudioStore((s) => s.logMode)
  const setMode = useStudioStore((s) => s.setLogMode)
  const paused = useStudioStore((s) => s.logPaused)
  const setPaused = useStudioStore((s) => s.setLogPaused)
  const backlog = useStudioStore((s) => s.logBacklog)
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<string | null>(null)
  const commitSearch = useCallback((search: string) => setFilters({ search }), [setFilters])
  const search = useDebouncedField(filters.search, commitSearch)
  const regexProblem = filters.regex && filters.search ? filterProblem({ ...filters, status: '', range: 'all' }) : undefined

  const exportEntries = async () => {
    setExporting(true)
    setExportError(null)
    try {
      await downloadLogExport(filterParams(filters), exportName())
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err))
    } finally {
      setExporting(false)
    }
  }

  return (
    <Toolbar label="Log controls" className="logs-toolbar">
      <ToolbarGroup>
        <div className="logs-search">
          <input
            className="ui-input logs-search__input"
            type="search"
            placeholder={filters.regex ? 'Regular expression, e.g. 5\\d\\d|timeout' : 'Search messages and fields'}
            aria-label="Search logs"
            aria-invalid={!!regexProblem}
            spellCheck={false}
            {...search}
          />
          <Chip className="logs-search__regex" selected={filters.regex} title="Treat the search as a regular expression" onClick={() => setFilters({ regex: !filters.regex })}>
            .*
          </Chip>
        </div>
        <Select aria-label="Time range" value={filters.range} onValueChange={(range) => setFilters({ range: range as TimeRange })} options={RANGES.map(([value, label]) => ({ value, label }))} />
        {filters.range === 'custom' && (
          <>
            <input className="ui-input" type="datetime-local" step="1" aria-label="From" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
            <input className="ui-input" type="datetime-local" step="1" aria-label="To" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
          </>
        )}
        <Chip
          selected={filters.showStudio}
          title="The studio's own requests and the SQL they ran (hidden by default)"
          data-testid="logs-show-studio"
          onClick={() => setFilters({ showStudio: !filters.showStudio })}
        >
          Studio traffic
        </Chip>
      </ToolbarGroup>
      <ToolbarSpacer />
      <ToolbarGroup>
        <Segmented
          label="View"
          value={mode}
          onValueChange={setMode}
          options={[
            { value: 'tail', label: 'Live tail' },
            { value: 'table', label: 'Table' },
          ]}
        />
        <Button variant={paused ? 'primary' : 'default'} onClick={() => setPaused(!paused)} title={paused ? 'Show what arrived meanwhile and go on' : 'Hold the view still; new entries wait'}>
          {paused ? `Resume${backlog ? ` (${backlog.toLocaleString('en')} new)` : ''}` : 'Pause'}
        </Button>
        {mode === 'tail' && (
          <Button variant="ghost" onClick={() => logFeed().clearTail()} title="Clear the screen (the entries stay on the server)">
            Clear
          </Button>
        )}
        <Button busy={exporting} onClick={() => void exportEntries()} title="Every stored entry matching the filters, as JSON lines">
          {exporting ? 'Exporting…' : 'Export JSONL'}
        </Button>
      </ToolbarGroup>
      {exportError && <InlineError title="Export failed" message={exportError} />}
    </Toolbar>
  )
}
