// features/rls/identity/DatabaseViewPanel.tsx — what the database sees for a request as the current identity:
// current_user, session_user, request.jwt.claims, app.user_id and app.role, read by running a statement through
// the SQL console endpoint as the identity (the API's own transaction set-up), so nothing is left to guesswork.
import type { ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import { databaseView } from '../../../api/identity-api'
import { useRequest } from '../common/use-request'
import { tokenOf } from './identity-actions'

function pretty(json: string | null): string {
  if (!json) return '(not set)'
  try {
    return JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    return json
  }
}

export function DatabaseViewPanel(): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const online = useStudioStore((s) => s.status !== null)
  const view = useRequest(online ? `who:${identity.label}:${identity.accessToken ?? 'service'}` : null, (signal) => databaseView(tokenOf(identity), signal))
  const v = view.data
  const fact = (name: string, value: string | null | undefined, testId: string) => (
    <div className="rls-dbview__fact">
      <dt>{name}</dt>
      <dd>
        <code data-testid={testId}>{value === undefined ? '…' : value === null || value === '' ? '(empty)' : value}</code>
      </dd>
    </div>
  )
  return (
    <section className="rls-dbview" aria-label="What the database sees">
      <header className="rls-dbview__head">
        <h3>What the database sees</h3>
        <button type="button" className="ui-button ui-button--small" onClick={view.reload} disabled={view.loading}>
          {view.loading ? 'Reading…' : 'Re-read'}
        </button>
      </header>
      {view.error ? (
        <p className="rls-field__error">{view.error}</p>
      ) : (
        <>
          <dl className="rls-dbview__facts">
            {fact('current_user', v?.currentUser, 'db-current-user')}
            {fact('session_user', v?.sessionUser, 'db-session-user')}
            {fact("current_setting('app.user_id')", v ? v.appUserId : undefined, 'db-app-user-id')}
            {fact("current_setting('app.role')", v ? v.appRole : undefined, 'db-app-role')}
          </dl>
          <div className="rls-dbview__claims">
            <span className="rls-dbview__claims-name">request.jwt.claims</span>
            <pre className="rls-dbview__claims-json">{v ? pretty(v.claims) : '…'}</pre>
          </div>
          <p className="rls-dbview__note">
            Read by running <code>SELECT current_user, session_user, current_setting(…)</code> as this identity, in the transaction set-up every API request gets.
          </p>
        </>
      )}
    </section>
  )
}
