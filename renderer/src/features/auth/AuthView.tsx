// features/auth/AuthView.tsx — the Auth page: the users of auth.users (create, edit metadata and roles, revoke
// sessions, act as one, delete) and the local mail inbox, as two tabs. The open tab, user and mail are in the
// navigation params, so `navigate('auth', { tab: 'mail' })` from anywhere opens the inbox.
import { useEffect, type ReactElement } from 'react'
import { studioStore, useStudioStore } from '../../store'
import { UsersTab } from './UsersTab'
import '../../styles/auth.css'
import { MailTab } from './MailTab'

export function AuthView(): ReactElement {
  const tab = useStudioStore((s) => (s.viewParams.tab === 'mail' ? 'mail' : 'users'))
  const unread = useStudioStore((s) => s.authMail?.filter((m) => !m.read).length ?? 0)
  const total = useStudioStore((s) => s.authUsersTotal)
  const navigate = useStudioStore((s) => s.navigate)
  const loadMail = useStudioStore((s) => s.loadAuthMail)
  const params = useStudioStore((s) => s.viewParams)
  const remember = useStudioStore((s) => s.rememberAuthParams)
  // The sidebar opens the view without parameters: go back to where the user was.
  useEffect(() => {
    const last = studioStore.getState().authLastParams
    if (Object.keys(params).length === 0 && Object.keys(last).length > 0) navigate('auth', last)
    else remember(params)
  }, [params, navigate, remember])
  // The inbox tab shows its unread count before it is opened.
  useEffect(() => {
    void loadMail()
  }, [loadMail])
  return (
    <div className="auth-view" data-testid="auth-page">
      <header className="auth-view__head">
        <h1 className="auth-view__title">Auth</h1>
        <div className="auth-tabs" role="tablist" aria-label="Auth sections">
          <button type="button" role="tab" className="auth-tab" aria-selected={tab === 'users'} onClick={() => navigate('auth', { tab: 'users' })}>
            Users{total ? <span className="auth-tab__count">{total.toLocaleString('en')}</span> : null}
          </button>
          <button type="button" role="tab" className="auth-tab" aria-selected={tab === 'mail'} onClick={() => navigate('auth', { tab: 'mail' })}>
            Mail inbox{unread ? <span className="auth-tab__count auth-tab__count--unread">{unread}</span> : null}
          </button>
        </div>
      </header>
      {tab === 'users' ? <UsersTab /> : <MailTab />}
    </div>
  )
}
