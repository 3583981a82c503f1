// features/sql/SqlView.tsx — the SQL view: a toolbar (who statements run as, expanded display, timing, search,
// clear, cancel) above the console's terminal, which fills the rest and follows its size. Another view can open
// this one with `navigate('sql', { sql })` to put a statement in the input.
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { sqlConsole } from './sql-console'
import { TerminalSearchBar } from '../../components/terminal/TerminalSearchBar'
import type { ExpandedMode } from './result-format'

const EXPANDED_LABELS: Record<ExpandedMode, string> = { auto: 'Auto', on: 'On', off: 'Off' }

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
      <header className="sql-toolbar">
        <h1 className="sql-toolbar__title">SQL console</h1>
        <span className={`sql-toolbar__as${asIdentity ? ' sql-toolbar__as--identity' : ''}`} data-testid="sql-runs-as" title="Statements run as this identity. Change it from the status bar.">
          {asIdentity ? `as ${identityLabel} · RLS applies` : 'as superuser · RLS bypassed'}
        </span>
        <span className="sql-toolbar__spacer" />
        <div className="ui-segmented" role="group" aria-label="Expanded display (\x)">
          <span className="ui-segmented__label">Expanded</span>
          {(['auto', 'on', 'off'] as const).map((mode) => (
            <button key={mode} type="button" className="ui-segmented__item" aria-pressed={expanded === mode} onClick={() => setExpanded(mode)}>
              {EXPANDED_LABELS[mode]}
            </button>
          ))}
        </div>
        <label className="sql-toolbar__check" title="Print how long each statement took (\timing)">
          <input type="checkbox" checked={timing} onChange={(e) => setTiming(e.target.checked)} />
          Timing
        </label>
        <button type="button" className="ui-button ui-button--ghost" onClick={() => setSearching(true)} title="Search the output (Ctrl+F)">
          Search
        </button>
        <button type="button" className="ui-button ui-button--ghost" onClick={() => (terminal.clearScreen(), terminal.focus())} title="Clear the screen (Ctrl+L)">
          Clear
        </button>
        <button type="button" className="ui-button ui-button--danger" disabled={!running} onClick={() => void terminal.cancel()} title="Cancel the running statement on the server (Ctrl+C)">
          Cancel
        </button>
      </header>
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
