// features/logs/LogTail.tsx — the live tail: the log feed's terminal in the view (attached on mount, kept with
// its scrollback when the view goes away), with Ctrl+F search over what it shows.
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { TerminalSearchBar } from '../../components/terminal/TerminalSearchBar'
import { logFeed } from './log-feed'

export function LogTail(): ReactElement {
  const host = useRef<HTMLDivElement>(null)
  const [searching, setSearching] = useState(false)
  useEffect(() => {
    const feed = logFeed()
    feed.onSearchRequested = () => setSearching(true)
    feed.host.attach(host.current!)
    return () => {
      feed.onSearchRequested = undefined
      feed.host.detach()
    }
  }, [])
  return (
    <div className="logs-tail">
      {searching && <TerminalSearchBar search={logFeed().host.search} onClose={() => setSearching(false)} />}
      <div className="terminal-frame" ref={host} data-testid="log-terminal" />
    </div>
  )
}
