// features/rls/example/GuideExampleCard.tsx — the guide's RLS patterns as an example project: one click loads
// them; once loaded, the guide's users and one table per pattern are a click away, so a newcomer can explore.
import { Button, Chip } from '../../../components/ui'
import { useState, type ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import { errorText } from '../common/use-request'
import { GUIDE_PATTERNS, GUIDE_USERS } from './guide-example'
import { actAsGuideUser, loadGuideProject } from './use-guide-example'

export function GuideExampleCard({ loaded, onLoaded, compact }: { loaded: boolean; onLoaded(): void; compact: boolean }): ReactElement {
  const identity = useStudioStore((s) => s.identity.label)
  const openTable = useStudioStore((s) => s.openRlsTable)
  const current = useStudioStore((s) => s.rlsTable)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [confirmReset, setConfirmReset] = useState(false)
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const load = () =>
    void act(async () => {
      await loadGuideProject()
      onLoaded()
    })

  if (!loaded) {
    return (
      <section className={`rls-guide${compact ? ' rls-guide--compact' : ''}`}>
        <div>
          <h3 className="rls-guide__title">New to row-level security? Load the guide’s example project</h3>
          <p className="rls-guide__text">
            The seven patterns of the Fluxbase guide (own rows, organization, roles, hierarchy, time, sharing, soft delete) in their own schemas, with five users — alice, bob, carol, dave and erin —
            saved as identities to act as.
          </p>
        </div>
        <button type="button" className="ui-button ui-button--primary" onClick={load} disabled={busy} data-testid="load-guide">
          {busy ? 'Loading…' : 'Load the example'}
        </button>
        {error && <p className="ui-error">{error}</p>}
      </section>
    )
  }
  return (
    <section className="rls-guide rls-guide--loaded" aria-label="Guide example">
      <div className="rls-guide__row">
        <span className="rls-guide__caption">Guide example · act as</span>
        {GUIDE_USERS.map((u) => (
          <Chip key={u.name} selected={identity === u.name} title={`${u.about} · sub ${u.id}`} disabled={busy} onClick={() => void act(() => actAsGuideUser(u))} data-testid={`guide-user-${u.name}`}>
            {u.name}
          </Chip>
        ))}
        <span className="ui-toolbar__spacer" />
        {confirmReset ? (
          <span className="rls-guide__confirm">
            Drop and recreate the guide_* schemas (your changes to them are lost)?{' '}
            <Button variant="ghost" size="sm"
              onClick={() => {
                setConfirmReset(false)
                load()
              }}
            >
              Reset
            </Button>{' '}
            <Button variant="ghost" size="sm" onClick={() => setConfirmReset(false)}>
              Keep
            </Button>
          </span>
        ) : (
          <Button variant="ghost" size="sm" onClick={() => setConfirmReset(true)} disabled={busy} title="Drops and recreates the guide_* schemas only">
            {busy ? 'Reloading…' : 'Reset the example'}
          </Button>
        )}
      </div>
      <div className="rls-guide__row">
        <span className="rls-guide__caption">Patterns</span>
        {GUIDE_PATTERNS.map((p) => {
          const on = current?.schema === p.schema && current.table === p.table
          return (
            <Chip key={p.schema} selected={on} title={`${p.schema}.${p.table}: ${p.about}`} onClick={() => openTable({ schema: p.schema, table: p.table })}>
              {p.title}
            </Chip>
          )
        })}
      </div>
      {error && <p className="ui-error">{error}</p>}
    </section>
  )
}
