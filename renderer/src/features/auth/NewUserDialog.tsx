// features/auth/NewUserDialog.tsx — create a user: with a password, or confirmed without one (they then sign in
// by magic link or after a reset); role and metadata optional. The server's refusal (taken email, weak password)
// is shown in the dialog. The password's rules (the runtime's minimum length) are shown before submit (issue 22).
// Kit Dialog: focus trapped, Escape closes, focus goes back to "New user".
import { useEffect, useRef, useState, type ReactElement } from 'react'
import type { AdminUser } from '../../../../contract/studio-auth'
import * as api from '../../api/auth-api'
import { Button, Dialog, Field, InlineError, Input } from '../../components/ui'
import { useStudioStore } from '../../store'
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
  const minLength = useStudioStore((s) => s.authSettings?.minPasswordLength)
  const loadSettings = useStudioStore((s) => s.loadAuthSettings)
  useEffect(() => {
    if (minLength === undefined) void loadSettings()
  }, [minLength, loadSettings])

  const app = parseJsonObject(appText)
  const passwordOk = !password || minLength === undefined || password.length >= minLength
  const valid = /^\S+@\S+$/.test(email.trim()) && app.ok && role.trim().length > 0 && passwordOk

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

  const formId = 'new-user-form'
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !busy && onClose()}
      title="New user"
      dismissable={!busy}
      initialFocus={first}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" disabled={!valid} busy={busy}>
            {busy ? 'Creating…' : 'Create user'}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="auth-new-user"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Field label="Email">{(control) => <Input {...control} ref={first} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="alice@acme.test" />}</Field>
        <Field
          label="Password"
          hint={password ? 'They can sign in with this password.' : 'Optional. Without a password the user is created confirmed; they sign in by magic link or after a password reset.'}
          rules={minLength === undefined ? undefined : [{ text: `At least ${minLength} characters`, met: password.length >= minLength }]}
        >
          {(control) => <Input {...control} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} placeholder="leave empty for none" />}
        </Field>
        {password && (
          <label className="auth-check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            Email already confirmed (uncheck to test the confirmation flow)
          </label>
        )}
        <Field label="Database role">{(control) => <Input {...control} value={role} onChange={(e) => setRole(e.target.value)} spellCheck={false} />}</Field>
        <JsonEditor label="app_metadata" hint='Optional, e.g. {"roles": ["admin"]}' value={appText} onChange={setAppText} rows={3} />
        {error && <InlineError title="Could not create the user" message={error} />}
      </form>
    </Dialog>
  )
}
