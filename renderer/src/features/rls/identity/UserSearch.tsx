// features/rls/identity/UserSearch.tsx — find a user of auth.users by e-mail or id and act as them: the runtime
// mints a real impersonation token (audited as the studio's "view as"), so every call runs as that user's app.
import { useEffect, useState, type ReactElement } from 'react'
import { Button, InlineError, Input } from '../../../components/ui'
import { searchUsers, type AuthUserSummary } from '../../../api/identity-api'
import { useRequest } from '../common/use-request'

interface Props {
  onPick(user: AuthUserSummary): void
  busy: boolean
  actionLabel?: string
}

export function UserSearch({ onPick, busy, actionLabel = 'Act as' }: Props): ReactElement {
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), 250)
    return () => clearTimeout(timer)
  }, [text])
  const result = useRequest(`users:${query}`, (signal) => searchUsers(query, signal))
  const users = result.data?.users ?? []
  return (
    <div className="idp-users">
      <Input type="search" placeholder="Search auth.users by e-mail or id…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search users" />
      {result.error && <InlineError title="Could not search the users" message={result.error} />}
      {!result.error && !result.loading && users.length === 0 && (
        <p className="idp-empty">{query ? `No user matches “${query}”.` : 'auth.users is empty: sign a user up through the API, or use custom claims.'}</p>
      )}
      <ul className="idp-user-list">
        {users.map((u) => (
          <li key={u.id} className="idp-user">
            <span className="idp-user__text">
              <span className="idp-user__email">{u.email || '(no e-mail)'}</span>
              <code className="idp-user__id">{u.id}</code>
            </span>
            <span className="idp-user__role">{u.role}</span>
            <Button size="sm" disabled={busy} onClick={() => onPick(u)}>
              {actionLabel}
            </Button>
          </li>
        ))}
      </ul>
      {result.data && result.data.total > users.length && <p className="idp-empty">{result.data.total - users.length} more: narrow the search.</p>}
    </div>
  )
}
