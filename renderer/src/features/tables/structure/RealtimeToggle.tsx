// features/tables/structure/RealtimeToggle.tsx — realtime on or off for a table (through the realtime admin API,
// which also sets REPLICA IDENTITY FULL so updates and deletes carry the old row).
import { useState, type ReactElement } from 'react'
import { setRealtime } from '../../../api/tables-api'
import { ErrorNote } from '../ui/ErrorNote'

export function RealtimeToggle({ schema, table, enabled, onChanged }: { schema: string; table: string; enabled: boolean; onChanged: () => void }): ReactElement {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const toggle = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await setRealtime(schema, table, !enabled)
      onChanged()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="tb-realtime">
      <label className="tb-switch" title="Deliver INSERT, UPDATE and DELETE events of this table to realtime subscribers (each checked against their RLS)">
        <input type="checkbox" role="switch" checked={enabled} disabled={busy} onChange={() => void toggle()} data-testid="realtime-toggle" />
        <span>Realtime {enabled ? 'on' : 'off'}</span>
      </label>
      {error !== null && <ErrorNote error={error} title="Could not change realtime" compact />}
    </div>
  )
}
