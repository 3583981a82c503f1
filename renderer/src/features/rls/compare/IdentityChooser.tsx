// features/rls/compare/IdentityChooser.tsx — which identities the comparison runs as: tick any of the candidates,
// add a user of auth.users for this comparison, or add the guide example's users in one go.
import { useState, type ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import type { StudioIdentity } from '../../../store/identity-slice'
import { claimsIdentity, userIdentity } from '../identity/identity-actions'
import { UserSearch } from '../identity/UserSearch'
import { errorText } from '../common/use-request'
import { GUIDE_USERS, guideClaims } from '../example/guide-example'

export function IdentityChooser({ candidates, guideLoaded }: { candidates: StudioIdentity[]; guideLoaded: boolean }): ReactElement {
  const selected = useStudioStore((s) => s.rlsCompareLabels)
  const setSelected = useStudioStore((s) => s.setRlsCompareLabels)
  const addExtra = useStudioStore((s) => s.addRlsCompareExtra)
  const [adding, setAdding] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const toggle = (label: string) => setSelected(selected.includes(label) ? selected.filter((l) => l !== label) : [...selected, label])

  const add = async (make: () => Promise<StudioIdentity[]>) => {
    setBusy(true)
    setError(null)
    try {
      for (const i of await make()) addExtra(i)
      setAdding(false)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const missingGuide = GUIDE_USERS.filter((u) => !candidates.some((c) => c.label === u.name))

  return (
    <div className="rls-chooser">
      <div className="rls-chooser__list" role="group" aria-label="Identities to compare">
        {candidates.map((c) => (
          <label key={c.label} className={`rls-chooser__item rls-chooser__item--${c.kind}${selected.includes(c.label) ? ' rls-chooser__item--on' : ''}`}>
            <input type="checkbox" checked={selected.includes(c.label)} onChange={() => toggle(c.label)} data-testid={`compare-pick-${c.label}`} />
            {c.label}
          </label>
        ))}
        <button type="button" className="ui-button ui-button--small" onClick={() => setAdding(!adding)} aria-expanded={adding}>
          + User from auth.users
        </button>
        {guideLoaded && missingGuide.length > 0 && (
          <button type="button" className="ui-button ui-button--small" disabled={busy} onClick={() => void add(() => Promise.all(missingGuide.map((u) => claimsIdentity(guideClaims(u), u.name))))}>
            + The guide’s users
          </button>
        )}
      </div>
      {adding && <UserSearch busy={busy} actionLabel="Add" onPick={(u) => void add(async () => [await userIdentity(u)])} />}
      {error && <p className="ui-error">{error}</p>}
    </div>
  )
}
