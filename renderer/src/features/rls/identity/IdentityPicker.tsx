// features/rls/identity/IdentityPicker.tsx — the identity chip in the status bar and its popover: act as
// service_role, anon, a saved identity, a user of auth.users or custom claims; save the current one under a name.
// Whatever is picked becomes the store's identity, which every studio call then runs as.
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import type { StudioIdentity } from '../../../store/identity-slice'
import { actAs, claimsIdentity, userIdentity } from './identity-actions'
import { roleOf } from './identity-describe'
import { errorText } from '../common/use-request'
import { IdentityQuickList } from './IdentityQuickList'
import { UserSearch } from './UserSearch'
import { ClaimsEditor } from './ClaimsEditor'
import { useIdentityKeepAlive } from './use-identity-keepalive'
import { useIdentityRestore } from './use-identity-restore'

type Tab = 'users' | 'claims'

export function IdentityPicker(): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const open = useStudioStore((s) => s.identityPickerOpen)
  const setOpen = useStudioStore((s) => s.setIdentityPickerOpen)
  const root = useRef<HTMLDivElement>(null)
  useIdentityKeepAlive()
  useIdentityRestore()

  useEffect(() => {
    if (!open) return
    const onDown = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false)
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)
    document.addEventListener('mousedown', onDown)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('mousedown', onDown)
      document.removeEventListener('keydown', onKey)
    }
  }, [open, setOpen])

  return (
    <div className="idp" ref={root}>
      <button
        type="button"
        className={`statusbar__identity statusbar__identity--${identity.kind}`}
        title="Who the studio acts as: every table read, write, SQL statement and export runs as this identity (click to change)"
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="identity-chip"
        onClick={() => setOpen(!open)}
      >
        <span className="statusbar__identity-dot" aria-hidden="true" />
        as <strong>{identity.label}</strong>
        {roleOf(identity) !== identity.label && <span className="statusbar__identity-role">{roleOf(identity)}</span>}
      </button>
      {open && <IdentityPopover onClose={() => setOpen(false)} />}
    </div>
  )
}

function IdentityPopover({ onClose }: { onClose(): void }): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const saveIdentity = useStudioStore((s) => s.saveIdentity)
  const setIdentity = useStudioStore((s) => s.setIdentity)
  const navigate = useStudioStore((s) => s.navigate)
  const [tab, setTab] = useState<Tab>('users')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saveName, setSaveName] = useState('')

  const run = async (make: () => Promise<StudioIdentity> | StudioIdentity, save = false) => {
    setBusy(true)
    setError(null)
    try {
      const picked = await actAs(await make())
      if (save) saveIdentity(picked)
      onClose()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  const saveCurrent = () => {
    const name = saveName.trim()
    if (!name) return
    const named = { ...identity, label: name }
    saveIdentity(named)
    setIdentity(named)
    setSaveName('')
  }

  return (
    <div className="idp-popover" role="dialog" aria-label="Choose the identity the studio acts as">
      <div className={`idp-current idp-current--${identity.kind}`}>
        <span className="idp-current__caption">The studio acts as</span>
        <strong className="idp-current__label" data-testid="identity-current">
          {identity.label}
        </strong>
        <span className="idp-current__role">{roleOf(identity)}</span>
      </div>
      <IdentityQuickList busy={busy} onPick={(i) => void run(typeof i === 'function' ? i : () => i)} />
      <div className="idp-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'users'} className={`idp-tab${tab === 'users' ? ' idp-tab--active' : ''}`} onClick={() => setTab('users')}>
          User from auth.users
        </button>
        <button type="button" role="tab" aria-selected={tab === 'claims'} className={`idp-tab${tab === 'claims' ? ' idp-tab--active' : ''}`} onClick={() => setTab('claims')} data-testid="identity-tab-claims">
          Custom claims
        </button>
      </div>
      <div className="idp-panel">
        {tab === 'users' ? (
          <UserSearch busy={busy} onPick={(u) => void run(() => userIdentity(u))} />
        ) : (
          <ClaimsEditor busy={busy} onAct={(claims, name, save) => void run(() => claimsIdentity(claims, name), save)} />
        )}
      </div>
      {error && (
        <p className="rls-field__error idp-error" role="alert">
          {error}
        </p>
      )}
      {identity.kind !== 'service_role' && (
        <div className="idp-row idp-save">
          <input className="ui-input" placeholder={`Save “${identity.label}” as… e.g. alice — editor`} value={saveName} onChange={(e) => setSaveName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && saveCurrent()} aria-label="Save the current identity as" />
          <button type="button" className="ui-button" disabled={!saveName.trim()} onClick={saveCurrent}>
            Save
          </button>
        </div>
      )}
      <button
        type="button"
        className="idp-open-rls"
        onClick={() => {
          navigate('rls')
          onClose()
        }}
      >
        Open the RLS simulator: why is a row visible or hidden? →
      </button>
    </div>
  )
}
