// renderer/src/shell/CommandPalette.tsx — Ctrl/Cmd+K: one search box over everything the studio can open (issue 22):
// the views and their commands, the tables (the store's table list) and the users (searched on the server by email as
// the user types). cmdk filters and ranks, Radix Dialog (inside cmdk's Command.Dialog) traps focus and gives it back.
import { Command } from 'cmdk'
import { useEffect, useState, type ReactElement } from 'react'
import { listUsers } from '../api/auth-api'
import type { AdminUser } from '../../../contract/studio-auth'
import { ChevronRight, Table2, User, type LucideIcon } from 'lucide-react'
import { Icon } from '../components/ui'
import { useStudioStore } from '../store'
import { FEATURES } from './features'
import { FEATURE_ICONS } from './feature-icons'

interface Entry {
  id: string
  label: string
  keywords?: string[]
  hint?: string
  run: () => void
}

/** The users whose email or id matches `query` (at least two letters), a moment after the user stops typing. */
function useUserMatches(query: string): AdminUser[] {
  const [users, setUsers] = useState<AdminUser[]>([])
  useEffect(() => {
    const search = query.trim()
    if (search.length < 2) {
      setUsers([])
      return
    }
    const request = new AbortController()
    const timer = setTimeout(() => {
      listUsers({ search, limit: 8, offset: 0 }, request.signal).then(
        (page) => setUsers(page.users),
        () => setUsers([]),
      )
    }, 150)
    return () => {
      clearTimeout(timer)
      request.abort()
    }
  }, [query])
  return users
}

export function CommandPalette({ onClose }: { onClose: () => void }): ReactElement {
  const navigate = useStudioStore((s) => s.navigate)
  const openTable = useStudioStore((s) => s.openTable)
  const tables = useStudioStore((s) => s.tableList)
  const loadTableList = useStudioStore((s) => s.loadTableList)
  const [query, setQuery] = useState('')
  const users = useUserMatches(query)
  useEffect(() => {
    if (!tables) void loadTableList()
  }, [tables, loadTableList])

  const views: Entry[] = FEATURES.map((f) => ({ id: `go:${f.id}`, label: `Go to ${f.label}`, keywords: [f.label], run: () => navigate(f.id) }))
  const commands: Entry[] = FEATURES.flatMap((f) =>
    (f.commands ?? []).map((c) => ({ id: c.id, label: c.label, hint: f.label, run: () => (navigate(f.id), c.run()) })),
  )
  const tableEntries: Entry[] = (tables ?? []).map((t) => ({
    id: `table:${t.schema}.${t.name}`,
    label: t.schema === 'public' ? t.name : `${t.schema}.${t.name}`,
    keywords: [t.schema, t.name],
    hint: 'table',
    run: () => openTable(t.schema, t.name),
  }))
  const userEntries: Entry[] = users.map((u) => ({
    id: `user:${u.id}`,
    label: u.email ?? u.id,
    keywords: [u.id],
    hint: 'user',
    run: () => navigate('auth', { tab: 'users', user: u.id }),
  }))

  const group = (heading: string, entries: Entry[], icon: (entry: Entry) => LucideIcon) =>
    entries.length > 0 && (
      <Command.Group heading={heading} className="palette__group">
        {entries.map((entry) => (
          <Command.Item
            key={entry.id}
            value={entry.id}
            keywords={[entry.label, ...(entry.keywords ?? [])]}
            className="palette__item"
            onSelect={() => {
              onClose()
              entry.run()
            }}
          >
            <Icon name={icon(entry)} size={14} />
            <span className="palette__label">{entry.label}</span>
            {entry.hint && <span className="palette__hint">{entry.hint}</span>}
          </Command.Item>
        ))}
      </Command.Group>
    )

  return (
    <Command.Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      label="Command palette"
      loop
      overlayClassName="palette__backdrop"
      contentClassName="palette"
      aria-describedby={undefined}
    >
      <div className="palette__search">
        <Icon name="search" size={16} />
        <Command.Input className="palette__input" placeholder="Search views, tables, users and commands…" value={query} onValueChange={setQuery} autoFocus />
      </div>
      <Command.List className="palette__list">
        <Command.Empty className="palette__empty">Nothing matches “{query}”.</Command.Empty>
        {group('Views', views, (e) => FEATURE_ICONS[e.id.slice('go:'.length)] ?? ChevronRight)}
        {group('Commands', commands, () => ChevronRight)}
        {group('Tables', tableEntries, () => Table2)}
        {group('Users', userEntries, () => User)}
      </Command.List>
    </Command.Dialog>
  )
}
