// features/auth/UserPanel.tsx — one user, opened from the list: facts, "act as this user", revoke sessions,
// password reset, unlock, delete (confirmed), and the role, app_metadata (roles live there) and user_metadata
// editors with validation. Every failure is shown next to the button that caused it.
import { useEffect, useState, type ReactElement } from 'react'
import type { AdminUser } from '../../../../contract/studio-auth'
import { useStudioStore } from '../../store'
import * as api from '../../api/auth-api'
import { copyText } from '../../api/clipboard'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { JsonEditor } from './JsonEditor'
import { RolesEditor } from './RolesEditor'
import { actAsUser, stopActing } from './act-as'
import { localTime, relativeTime, userState } from './auth-format'
import { parseJsonObject, prettyJson, replacementPatch, rolesOf, withRoles } from './json-edit'

const words = (err: unknown) => (err instanceof Error ? err.message : String(err))

type Outcome = { kind: 'ok' | 'error'; text: string } | null

export function UserPanel({ userId, onClose }: { userId: string; onClose(): void }): ReactElement {
  const [user, setUser] = useState<AdminUser | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const refreshList = useStudioStore((s) => s.loadAuthUsers)
  const userChanged = useStudioStore((s) => s.authUserChanged)

  useEffect(() => {
    let live = true
    setUser(null)
    setLoadError(null)
    api.getUser(userId).then(
      (u) => live && setUser(u),
      (err) => live && setLoadError(words(err)),
    )
    return () => {
      live = false
    }
  }, [userId])

  if (loadError) {
    return (
      <aside className="auth-panel" aria-label="User">
        <PanelHeader title="User" onClose={onClose} />
        <p className="ui-error" role="alert">
          {loadError}
        </p>
      </aside>
    )
  }
  if (!user) {
    return (
      <aside className="auth-panel" aria-label="User">
        <PanelHeader title="Loading…" onClose={onClose} />
      </aside>
    )
  }
  const saved = (u: AdminUser) => {
    setUser(u)
    userChanged(u)
  }
  return <UserDetail key={user.id} user={user} onSaved={saved} onDeleted={() => (onClose(), void refreshList())} onClose={onClose} />
}

function PanelHeader({ title, onClose, children }: { title: string; onClose(): void; children?: ReactElement }): ReactElement {
  return (
    <header className="auth-panel__head">
      <h2 className="auth-panel__title">{title}</h2>
      {children}
      <button type="button" className="ui-button ui-button--ghost ui-button--small" onClick={onClose} aria-label="Close user">
        ✕
      </button>
    </header>
  )
}

function UserDetail({ user, onSaved, onDeleted, onClose }: { user: AdminUser; onSaved(u: AdminUser): void; onDeleted(): void; onClose(): void }): ReactElement {
  const identityUserId = useStudioStore((s) => s.identity.userId)
  const navigate = useStudioStore((s) => s.navigate)
  const actingAs = identityUserId === user.id
  const [appText, setAppText] = useState(() => prettyJson(user.app_metadata))
  const [userText, setUserText] = useState(() => prettyJson(user.user_metadata))
  const [role, setRole] = useState(user.role)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [actionOutcome, setActionOutcome] = useState<Outcome>(null)
  const [saveOutcome, setSaveOutcome] = useState<Outcome>(null)

  // A save (or unlock) brings the user back from the server: the editors start again from what was stored.
  useEffect(() => {
    setAppText(prettyJson(user.app_metadata))
    setUserText(prettyJson(user.user_metadata))
    setRole(user.role)
  }, [user.updated_at, user.app_metadata, user.user_metadata, user.role])

  const app = parseJsonObject(appText)
  const meta = parseJsonObject(userText)
  const dirty = appText !== prettyJson(user.app_metadata) || userText !== prettyJson(user.user_metadata) || role.trim() !== user.role
  const valid = app.ok && meta.ok && role.trim().length > 0

  const act = async (name: string, run: () => Promise<string | void>) => {
    setBusy(name)
    setActionOutcome(null)
    try {
      const text = await run()
      if (text) setActionOutcome({ kind: 'ok', text })
    } catch (err) {
      setActionOutcome({ kind: 'error', text: words(err) })
    } finally {
      setBusy(null)
    }
  }

  const save = async () => {
    if (!app.ok || !meta.ok) return
    setBusy('save')
    setSaveOutcome(null)
    try {
      const updated = await api.updateUser(user.id, { app_metadata: replacementPatch(user.app_metadata, app.value), user_metadata: replacementPatch(user.user_metadata, meta.value), ...(role.trim() !== user.role ? { role: role.trim() } : {}) })
      onSaved(updated)
      setSaveOutcome({ kind: 'ok', text: 'Saved.' })
    } catch (err) {
      setSaveOutcome({ kind: 'error', text: words(err) })
    } finally {
      setBusy(null)
    }
  }

  const state = userState(user)
  return (
    <aside className="auth-panel" aria-label={`User ${user.email || user.id}`} data-testid="user-panel">
      <PanelHeader title={user.email || 'Anonymous user'} onClose={onClose} />
      <div className="auth-panel__tags">
        <span className={`ui-tag ${state === 'confirmed' ? 'ui-tag--ok' : state === 'locked' ? 'ui-tag--danger' : 'ui-tag--warn'}`}>{state}</span>
        <span className="ui-tag">{user.role}</span>
        {rolesOf(user.app_metadata).map((r) => (
          <span key={r} className="ui-tag ui-tag--accent">
            {r}
          </span>
        ))}
      </div>

      {actingAs ? (
        <div className="auth-acting" role="status">
          <span>
            The studio acts as this user: tables, the SQL console and storage run under their RLS.
          </span>
          <div className="auth-acting__actions">
            <button type="button" className="ui-button ui-button--small" onClick={() => navigate('sql')}>
              Open SQL console
            </button>
            <button type="button" className="ui-button ui-button--small" disabled={busy !== null} onClick={() => void act('stop', async () => void (await stopActing()))}>
              Stop acting as
            </button>
          </div>
        </div>
      ) : (
        <div className="auth-panel__actions">
          <button
            type="button"
            className="ui-button ui-button--primary"
            disabled={busy !== null}
            onClick={() => void act('act', async () => void (await actAsUser(user)))}
            title="Mint an impersonation token for this user and make it the studio's identity"
          >
            {busy === 'act' ? 'Starting…' : 'Act as this user'}
          </button>
        </div>
      )}

      <dl className="auth-facts">
        <dt>ID</dt>
        <dd>
          <code>{user.id}</code>{' '}
          <button type="button" className="ui-button ui-button--ghost ui-button--small" onClick={() => void copyText(user.id)} aria-label="Copy user id">
            Copy
          </button>
        </dd>
        <dt>Created</dt>
        <dd title={localTime(user.created_at)}>{relativeTime(user.created_at)}</dd>
        <dt>Last sign-in</dt>
        <dd title={localTime(user.last_sign_in_at)}>{relativeTime(user.last_sign_in_at)}</dd>
        <dt>Email</dt>
        <dd>{user.email_verified ? `confirmed ${relativeTime(user.email_confirmed_at)}` : 'not confirmed yet'}</dd>
        <dt>Password</dt>
        <dd>{user.has_password ? 'set' : 'none (magic link or reset only)'}</dd>
        <dt>Sessions</dt>
        <dd>{user.session_count} active</dd>
        {user.locked_until && (
          <>
            <dt>Locked</dt>
            <dd>
              until {localTime(user.locked_until)}{' '}
              <button type="button" className="ui-button ui-button--small" disabled={busy !== null} onClick={() => void act('unlock', async () => (onSaved(await api.updateUser(user.id, { unlock: true })), 'Unlocked'))}>
                Unlock
              </button>
            </dd>
          </>
        )}
      </dl>

      <div className="auth-panel__actions">
        <button
          type="button"
          className="ui-button"
          disabled={busy !== null}
          onClick={() =>
            void act('revoke', async () => {
              const res = await api.revokeSessions(user.id)
              onSaved(await api.getUser(user.id))
              return `${res.message}: their refresh tokens no longer work, and access tokens stop at once.`
            })
          }
        >
          {busy === 'revoke' ? 'Revoking…' : 'Revoke sessions'}
        </button>
        {user.email && (
          <button
            type="button"
            className="ui-button"
            disabled={busy !== null}
            onClick={() =>
              void act('reset', async () => {
                const res = await api.sendPasswordReset(user.id)
                return `${res.message}.`
              })
            }
          >
            Send password reset
          </button>
        )}
        {user.email && (
          <button type="button" className="ui-button ui-button--ghost" onClick={() => navigate('auth', { tab: 'mail', to: user.email })}>
            Their mail
          </button>
        )}
        <span className="auth-panel__grow" />
        <button type="button" className="ui-button ui-button--danger" disabled={busy !== null} onClick={() => setConfirmDelete(true)}>
          Delete…
        </button>
      </div>
      {actionOutcome && (
        <p className={actionOutcome.kind === 'ok' ? 'ui-notice' : 'ui-error'} role={actionOutcome.kind === 'ok' ? 'status' : 'alert'}>
          {actionOutcome.text}
        </p>
      )}

      <section className="auth-edit" aria-label="Edit user">
        <label className="ui-field">
          Database role
          <input className="ui-input" value={role} onChange={(e) => setRole(e.target.value)} spellCheck={false} aria-invalid={!role.trim()} />
          <span className="ui-field__hint">The PostgreSQL role requests run as (usually authenticated).</span>
        </label>
        <RolesEditor
          roles={app.ok ? rolesOf(app.value) : []}
          disabled={!app.ok}
          onChange={(roles) => app.ok && setAppText(prettyJson(withRoles(app.value, roles)))}
        />
        <JsonEditor
          label="app_metadata"
          hint="Set by admins, read by your policies (e.g. auth.jwt() -> 'app_metadata' -> 'roles'); users cannot change it."
          value={appText}
          onChange={setAppText}
          testId="app-metadata-editor"
        />
        <JsonEditor label="user_metadata" hint="Profile data the user may change themselves." value={userText} onChange={setUserText} testId="user-metadata-editor" />
        {saveOutcome && !(saveOutcome.kind === 'ok' && dirty) && (
          <p className={saveOutcome.kind === 'ok' ? 'ui-notice' : 'ui-error'} role={saveOutcome.kind === 'ok' ? 'status' : 'alert'}>
            {saveOutcome.text}
          </p>
        )}
        <div className="auth-panel__actions">
          <button type="button" className="ui-button ui-button--primary" disabled={!dirty || !valid || busy !== null} onClick={() => void save()}>
            {busy === 'save' ? 'Saving…' : 'Save changes'}
          </button>
          <button
            type="button"
            className="ui-button ui-button--ghost"
            disabled={!dirty || busy !== null}
            onClick={() => {
              setAppText(prettyJson(user.app_metadata))
              setUserText(prettyJson(user.user_metadata))
              setRole(user.role)
              setSaveOutcome(null)
            }}
          >
            Discard
          </button>
          {dirty && <span className="auth-edit__note">New tokens carry the change; tokens already issued keep the old claims until they are refreshed.</span>}
        </div>
      </section>

      {confirmDelete && (
        <ConfirmDialog
          title={`Delete ${user.email || 'this user'}?`}
          confirmLabel="Delete user"
          onClose={() => setConfirmDelete(false)}
          onConfirm={async () => {
            await api.deleteUser(user.id)
            if (actingAs) await stopActing()
            onDeleted()
          }}
        >
          <p>
            The user, their sessions and their sign-in tokens are removed at once. Rows in your tables that reference <code>auth.users</code> are deleted or
            block the delete, as their foreign keys say.
          </p>
        </ConfirmDialog>
      )}
    </aside>
  )
}
