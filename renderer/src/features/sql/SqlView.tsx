// features/sql/SqlView.tsx — the SQL view: a toolbar (who statements run as, expanded display, timing, search,
// clear, cancel) above the console's terminal, which fills the rest and follows its size. Another view can open
// this one with `navigate('sql', { sql })` to put a statement in the input.
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { Badge, Button, Segmented, Toolbar, ToolbarGroup, ToolbarSpacer } from '../../components/ui'
import { useStudioStore } from '../../store'
import { sqlConsole } from './sql-console'
import { TerminalSearchBar } from '../../components/terminal/TerminalSearchBar'
import type { ExpandedMode } from './result-format'
import '../../styles/sql.css'

const EXPANDED_OPTIONS: Array<{ value: ExpandedMode; label: string }> = [
  { value: 'auto', label: 'Auto' },
  { value: 'on', label: 'On' },
  { value: 'off', label: 'Off' },
]

export function SqlView(): ReactElement {
  const host = useRef<HTMLDivElement>(null)
  const [searching, setSearching] = useState(false)
  const identityLabel = useStudioStore((s) => s.identity.label)
  const asIdentity = useStudioStore((s) => s.identity.accessToken !== null)
  const expanded = useStudioStore((s) => s.sqlExpanded)
  const timing = useStudioStore((s) => s.sqlTiming)
  const running = useStudioStore((s) => s.sqlRunning)
  const setExpanded = useStudioStore((s) => s.setSqlExpanded)
  const setTiming = useStudioStore((s) => s.setSqlTiming)
  const presetSql = useStudioStore((s) => s.viewParams.sql)

  useEffect(() => {
    const terminal = sqlConsole()
    terminal.onSearchRequested = () => setSearching(true)
    terminal.attach(host.current!)
    return () => {
      terminal.onSearchRequested = undefined
      terminal.detach()
    }
  }, [])

  useEffect(() => {
    if (presetSql) sqlConsole().setInput(presetSql)
  }, [presetSql])

  const terminal = sqlConsole()
  return (
    <div className="sql-view">
      <Toolbar label="SQL console" variant="plain" className="sql-toolbar">
        <h1 className="sql-toolbar__title">SQL console</h1>
        <span data-testid="sql-runs-as">
          <Badge tone={asIdentity ? 'accent' : 'neutral'} size="md" title="Statements run as this identity. Change it from the status bar.">
            {asIdentity ? `as ${identityLabel} · RLS applies` : 'as superuser · RLS bypassed'}
          </Badge>
        </span>
        <ToolbarSpacer />
        <Segmented label="Expanded" options={EXPANDED_OPTIONS} value={expanded} onValueChange={setExpanded} />
        <label className="sql-toolbar__check" title="Print how long each statement took (\timing)">
          <input type="checkbox" checked={timing} onChange={(e) => setTiming(e.target.checked)} />
          Timing
        </label>
        <ToolbarGroup>
          <Button variant="ghost" icon="search" onClick={() => setSearching(true)} title="Search the output (Ctrl+F)">
            Search
          </Button>
          <Button variant="ghost" onClick={() => (terminal.clearScreen(), terminal.focus())} title="Clear the screen (Ctrl+L)">
            Clear
          </Button>
          <Button variant="danger" disabled={!running} onClick={() => void terminal.cancel()} title="Cancel the running statement on the server (Ctrl+C)">
            Cancel
          </Button>
        </ToolbarGroup>
      </Toolbar>
      {searching && (
        <TerminalSearchBar
          search={terminal.host.search}
          onClose={() => {
            setSearching(false)
            terminal.focus()
          }}
        />
      )}
      <div className="terminal-frame" ref={host} data-testid="sql-terminal" />
    </div>
  )
}
