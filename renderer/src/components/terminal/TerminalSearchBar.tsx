// components/terminal/TerminalSearchBar.tsx — find text in a terminal's output (xterm's search add-on): Enter
// for the next match, Shift+Enter for the previous one, Escape to close.
import { useEffect, useRef, useState, type ReactElement } from 'react'
import type { SearchAddon } from '@xterm/addon-search'

export function TerminalSearchBar({ search, onClose }: { search: SearchAddon; onClose: () => void }): ReactElement {
  const input = useRef<HTMLInputElement>(null)
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<boolean | null>(null)
  useEffect(() => input.current?.focus(), [])

  const find = (direction: 'next' | 'previous', incremental = false) => {
    if (!query) return setFound(null)
    const options = { caseSensitive: false, incremental }
    setFound(direction === 'next' ? search.findNext(query, options) : search.findPrevious(query, options))
  }

  return (
    <div className="terminal-search" role="search">
      <input
        ref={input}
        className="ui-input terminal-search__input"
        placeholder="Find in output"
        aria-label="Find in output"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setFound(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose()
          else if (e.key === 'Enter') find(e.shiftKey ? 'previous' : 'next')
          else return
          e.preventDefault()
        }}
      />
      <button type="button" className="ui-button ui-button--ghost" onClick={() => find('previous')} aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="ui-button ui-button--ghost" onClick={() => find('next')} aria-label="Next match">
        ↓
      </button>
      {found === false && <span className="terminal-search__none">No match for “{query}”</span>}
      <button type="button" className="ui-button ui-button--ghost" onClick={onClose} aria-label="Close search">
        ✕
      </button>
    </div>
  )
}
