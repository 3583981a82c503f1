// features/rls/identity/IdentityPicker.tsx — the identity chip in the status bar and its popover: act as
// service_role, anon, a saved identity, a user of auth.users or custom claims; save the current one under a name.
// Whatever is picked becomes the store's identity, which every studio call then runs as.
import { useState, type ReactElement } from 'react'
import { Button, Input, Popover, Tabs, TabPanel, InlineError } from '../../../components/ui'
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
// Loaded with the status bar (the picker is there on every view), not with the simulator's lazy chunk.
import '../../../styles/identity-picker.css'

type Tab = 'users' | 'claims'

export function IdentityPicker(): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const open = useStudioStore((s) => s.identityPickerOpen)
  const setOpen = useStudioStore((s) => s.setIdentityPickerOpen)
  useIdentityKeepAlive()
  useIdentityRestore()

  // Radix Popover: focus moves into it, Escape and outside clicks close it, focus returns to the chip.
  return (
    <Popover
      label="Choose the identity the studio acts as"
      open={open}
      onOpenChange={setOpen}
      side="top"
      align="end"
      className="idp-popover"
      trigger={
        <button
          type="button"
          className={`statusbar__identity statusbar__identity--${identity.kind}`}
          title="Who the studio acts as: every table read, write, SQL statement and export runs as this identity (click to change)"
          data-testid="identity-chip"
        >
          <span className="statusbar__identity-dot" aria-hidden="true" />
          as <strong>{identity.label}</strong>
          {roleOf(identity) !== identity.label && <span className="statusbar__identity-role">{roleOf(identity)}</span>}
        </button>
      }
    >
      <IdentityPopover onClose={() => setOpen(false)} />
    </Popover>
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
    <div className="idp-body">
      <div className={`idp-current idp-current--${identity.kind}`}>
        <span className="idp-current__caption">The studio acts as</span>
        <strong className="idp-current__label" data-testid="identity-current">
          {identity.label}
        </strong>
        <span className="idp-current__role">{roleOf(identity)}</span>
      </div>
      <IdentityQuickList busy={busy} onPick={(i) => void run(typeof i === 'function' ? i : () => i)} />
      <Tabs
        label="Act as"
        value={tab}
        onValueChange={(v) => setTab(v as Tab)}
        tabs={[
          { value: 'users', label: 'User from auth.users' },
          { value: 'claims', label: 'Custom claims' },
        ]}
      >
        <TabPanel value="users">
          <UserSearch busy={busy} onPick={(u) => void run(() => userIdentity(u))} />
        </TabPanel>
        <TabPanel value="claims">
          <ClaimsEditor busy={busy} onAct={(claims, name, save) => void run(() => claimsIdentity(claims, name), save)} />
        </TabPanel>
      </Tabs>
      {error && <InlineError title="Could not act as this identity" message={error} />}
      {identity.kind !== 'service_role' && (
        <div className="idp-row idp-save">
          <Input placeholder={`Save “${identity.label}” as… e.g. alice — editor`} value={saveName} onChange={(e) => setSaveName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && saveCurrent()} aria-label="Save the current identity as" />
          <Button disabled={!saveName.trim()} onClick={saveCurrent}>
            Save
          </Button>
        </div>
      )}
      <Button
        variant="ghost"
        size="sm"
        className="idp-open-rls"
        onClick={() => {
          navigate('rls')
          onClose()
        }}
      >
        Open the RLS simulator: why is a row visible or hidden? →
      </Button>
    </div>
  )
}
