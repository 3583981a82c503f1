// features/rls/identity/DatabaseViewPanel.tsx — what the database sees for a request as the current identity:
// current_user, session_user, request.jwt.claims, app.user_id and app.role, read by running a statement through
// the SQL console endpoint as the identity (the API's own transaction set-up), so nothing is left to guesswork.
import type { ReactElement } from 'react'
import { Button, CodeBlock, InlineError, KeyValue, Panel } from '../../../components/ui'
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
  const fact = (name: string, value: string | null | undefined, testId: string) => ({
    key: name,
    label: <code>{name}</code>,
    value: <code data-testid={testId}>{value === undefined ? '…' : value === null || value === '' ? '(empty)' : value}</code>,
  })
  return (
    <Panel
      title="What the database sees"
      level={3}
      actions={
        <Button size="sm" onClick={view.reload} busy={view.loading}>
          {view.loading ? 'Reading…' : 'Re-read'}
        </Button>
      }
    >
      {view.error ? (
        <InlineError title="Could not read what the database sees" message={view.error} />
      ) : (
        <>
          <KeyValue
            items={[
              fact('current_user', v?.currentUser, 'db-current-user'),
              fact('session_user', v?.sessionUser, 'db-session-user'),
              fact("current_setting('app.user_id')", v ? v.appUserId : undefined, 'db-app-user-id'),
              fact("current_setting('app.role')", v ? v.appRole : undefined, 'db-app-role'),
            ]}
          />
          <CodeBlock code={v ? pretty(v.claims) : '…'} language="JSON" title="request.jwt.claims" maxHeight={180} />
          <p className="rls-intro">
            Read by running <code>SELECT current_user, session_user, current_setting(…)</code> as this identity, in the transaction set-up every API request gets.
          </p>
        </>
      )}
    </Panel>
  )
}
