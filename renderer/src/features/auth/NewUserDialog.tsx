// features/auth/NewUserDialog.tsx — create a user: with a password, or confirmed without one (they then sign in
// by magic link or after a reset); role and metadata optional. The server's refusal (taken email, weak password)
// is shown in the dialog.
import { useEffect, useRef, useState, type ReactElement } from 'react'
import type { AdminUser } from '../../../../contract/studio-auth'
import * as api from '../../api/auth-api'
import { JsonEditor } from './JsonEditor'
import { parseJsonObject } from './json-edit'

export function NewUserDialog({ onCreated, onClose }: { onCreated(user: AdminUser): void; onClose(): void }): ReactElement {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [confirmed, setConfirmed] = useState(true)
  const [role, setRole] = useState('authenticated')
  const [appText, setAppText] = useState('{}')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const first = useRef<HTMLInputElement>(null)
  useEffect(() => first.current?.focus(), [])

  const app = parseJsonObject(appText)
  const valid = /^\S+@\S+$/.test(email.trim()) && app.ok && role.trim().length > 0

  const submit = async () => {
    if (!valid || !app.ok) return
    setBusy(true)
    setError(null)
    try {
      const user = await api.createUser({
        email: email.trim(),
        ...(password ? { password } : {}),
        email_confirm: password ? confirmed : true,
        role: role.trim(),
        app_metadata: app.value,
      })
      onCreated(user)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setBusy(false)
    }
  }

  return (
    <div className="ui-dialog__backdrop" onMouseDown={() => !busy && onClose()}>
      <form
        className="ui-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="New user"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <h2 className="ui-dialog__title">New user</h2>
        <label className="ui-field">
          Email
          <input ref={first} className="ui-input" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="alice@acme.test" />
        </label>
        <label className="ui-field">
          Password
          <input className="ui-input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} placeholder="leave empty for none" />
          <span className="ui-field__hint">
            {password ? 'They can sign in with this password.' : 'Without a password the user is created confirmed; they sign in by magic link or after a password reset.'}
          </span>
        </label>
        {password && (
          <label className="auth-check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            Email already confirmed (uncheck to test the confirmation flow)
          </label>
        )}
        <label className="ui-field">
          Database role
          <input className="ui-input" value={role} onChange={(e) => setRole(e.target.value)} spellCheck={false} />
        </label>
        <JsonEditor label="app_metadata" hint='Optional, e.g. {"roles": ["admin"]}' value={appText} onChange={setAppText} rows={3} />
        {error && (
          <p className="ui-error" role="alert">
            {error}
          </p>
        )}
        <div className="ui-dialog__actions">
          <button type="button" className="ui-button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="ui-button ui-button--primary" disabled={!valid || busy}>
            {busy ? 'Creating…' : 'Create user'}
          </button>
        </div>
      </form>
    </div>
  )
}
