// renderer/src/shell/CommandPalette.tsx — Ctrl/Cmd+K: jump to any feature or run a feature's command by typing
// a few letters. Arrow keys move, Enter runs, Escape closes.
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import { useStudioStore } from '../store'
import { FEATURES } from './features'

interface Command {
  id: string
  label: string
  run: () => void
}

export function CommandPalette({ onClose }: { onClose: () => void }): ReactElement {
  const navigate = useStudioStore((s) => s.navigate)
  const [query, setQuery] = useState('')
  const [cursor, setCursor] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])

  const commands = useMemo<Command[]>(
    () =>
      FEATURES.flatMap((f) => [
        { id: `go:${f.id}`, label: `Go to ${f.label}`, run: () => navigate(f.id) },
        ...(f.commands ?? []).map((c) => ({ id: c.id, label: c.label, run: () => (navigate(f.id), c.run()) })),
      ]),
    [navigate],
  )
  const matches = commands.filter((c) => c.label.toLowerCase().includes(query.trim().toLowerCase()))
  const run = (c: Command | undefined) => {
    if (!c) return
    onClose()
    c.run()
  }

  return (
    <div className="palette__backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          className="palette__input"
          placeholder="Type a command or a section…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setCursor(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose()
            else if (e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, matches.length - 1))
            else if (e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0))
            else if (e.key === 'Enter') run(matches[cursor])
            else return
            e.preventDefault()
          }}
        />
        <ul className="palette__list" role="listbox">
          {matches.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === cursor} className={`palette__item${i === cursor ? ' palette__item--active' : ''}`} onMouseEnter={() => setCursor(i)} onClick={() => run(c)}>
              {c.label}
            </li>
          ))}
          {matches.length === 0 && <li className="palette__empty">No command matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  )
}
