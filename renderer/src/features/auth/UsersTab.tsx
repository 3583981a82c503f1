// features/auth/UsersTab.tsx — the users of auth.users, a page at a time: search by email or id, state and roles
// at a glance, click a row to open the user beside the list, "New user" to create one.
import { ChevronLeft, ChevronRight } from 'lucide-react'
import { Button, IconButton, InlineError } from '../../components/ui'
import { useEffect, useState, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { NewUserDialog } from './NewUserDialog'
import { UserPanel } from './UserPanel'
import { USERS_PAGE_SIZE } from './auth-slice'
import { localTime, relativeTime, userState } from './auth-format'
import { rolesOf } from './json-edit'

export function UsersTab(): ReactElement {
  const users = useStudioStore((s) => s.authUsers)
  const total = useStudioStore((s) => s.authUsersTotal)
  const offset = useStudioStore((s) => s.authOffset)
  const loading = useStudioStore((s) => s.authUsersLoading)
  const error = useStudioStore((s) => s.authUsersError)
  const search = useStudioStore((s) => s.authSearch)
  const setSearch = useStudioStore((s) => s.setAuthSearch)
  const setOffset = useStudioStore((s) => s.setAuthOffset)
  const load = useStudioStore((s) => s.loadAuthUsers)
  const selected = useStudioStore((s) => s.viewParams.user)
  const actingAsId = useStudioStore((s) => s.identity.userId)
  const navigate = useStudioStore((s) => s.navigate)
  const [draft, setDraft] = useState(search)
  const [creating, setCreating] = useState(false)

  useEffect(() => {
    void load()
  }, [load])

  // Search as the user types, a moment after they stop.
  useEffect(() => {
    if (draft === search) return
    const timer = setTimeout(() => setSearch(draft), 250)
    return () => clearTimeout(timer)
  }, [draft, search, setSearch])

  const select = (id: string | undefined) => navigate('auth', id ? { tab: 'users', user: id } : { tab: 'users' })
  const from = total === 0 ? 0 : offset + 1
  const to = Math.min(offset + USERS_PAGE_SIZE, total)

  return (
    <div className={`auth-users${selected ? ' auth-users--with-panel' : ''}`}>
      <section className="auth-list" aria-label="Users">
        <div className="auth-list__bar">
          <input className="ui-input auth-list__search" type="search" placeholder="Search by email or id" aria-label="Search users" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <span className="auth-list__count tabular" aria-live="polite">
            {loading && !users ? 'Loading…' : `${from}–${to} of ${total.toLocaleString('en')}`}
          </span>
          <IconButton label="Previous page" icon={ChevronLeft} onClick={() => setOffset(offset - USERS_PAGE_SIZE)} disabled={offset === 0 || loading} />
          <IconButton label="Next page" icon={ChevronRight} onClick={() => setOffset(offset + USERS_PAGE_SIZE)} disabled={offset + USERS_PAGE_SIZE >= total || loading} />
          <Button variant="primary" onClick={() => setCreating(true)}>
            New user
          </Button>
        </div>
        {error && (
          <InlineError
            title="Could not load users"
            message={error}
            action={
              <Button size="sm" onClick={() => void load()}>
                Retry
              </Button>
            }
          />
        )}
        <div className="auth-table-wrap">
          <table className="auth-table">
            <thead>
              <tr>
                <th>Email</th>
                <th>State</th>
                <th>Role</th>
                <th>Roles</th>
                <th>Last sign-in</th>
                <th>Created</th>
                <th className="auth-table__num">Sessions</th>
              </tr>
            </thead>
            <tbody>
              {users?.map((u) => {
                const state = userState(u)
                return (
                  <tr
                    key={u.id}
                    className={u.id === selected ? 'auth-table__row--selected' : undefined}
                    onClick={() => select(u.id)}
                    tabIndex={0}
                    onKeyDown={(e) => e.key === 'Enter' && select(u.id)}
                    data-testid="user-row"
                    data-email={u.email}
                  >
                    <td className="auth-table__email">
                      {u.email || <span className="auth-faint">anonymous</span>}
                      {u.id === actingAsId && <span className="ui-tag ui-tag--accent auth-table__acting">acting as</span>}
                    </td>
                    <td>
                      <span className={`ui-tag ${state === 'confirmed' ? 'ui-tag--ok' : state === 'locked' ? 'ui-tag--danger' : 'ui-tag--warn'}`}>{state}</span>
                    </td>
                    <td>{u.role}</td>
                    <td>
                      {rolesOf(u.app_metadata).map((r) => (
                        <span key={r} className="ui-tag ui-tag--accent auth-table__role">
                          {r}
                        </span>
                      ))}
                    </td>
                    <td title={localTime(u.last_sign_in_at)}>{relativeTime(u.last_sign_in_at)}</td>
                    <td title={localTime(u.created_at)}>{relativeTime(u.created_at)}</td>
                    <td className="auth-table__num tabular">{u.session_count}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {users && users.length === 0 && (
            <p className="ui-empty">{search ? `No user matches “${search}”.` : 'No users yet. Create one, or sign up through the API (POST /api/v1/auth/signup).'}</p>
          )}
        </div>
      </section>
      {selected && <UserPanel userId={selected} onClose={() => select(undefined)} />}
      {creating && (
        <NewUserDialog
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false)
            select(user.id)
            void load()
          }}
        />
      )}
    </div>
  )
}
