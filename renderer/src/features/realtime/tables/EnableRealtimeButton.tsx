// features/realtime/tables/EnableRealtimeButton.tsx — "Enable realtime" where a change was not delivered because its
// table (or its event type) is off: one click, through the admin API's logic; says when it is done or why not.
import type { ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import { useRealtimeSwitch } from './use-realtime-tables'

export function EnableRealtimeButton({ schema, table, allEvents = false }: { schema: string; table: string; allEvents?: boolean }): ReactElement {
  const toggle = useRealtimeSwitch(schema, table)
  const info = useStudioStore((s) => s.rtTables?.find((t) => t.schema === schema && t.table === table))
  const done = info?.realtime_enabled && (!allEvents || info.events.length === 3)
  if (done) return <span className="ui-notice">Realtime is now on for {schema}.{table}{allEvents ? ' (all events)' : ''}: the next change is delivered.</span>
  return (
    <span className="rt-inline-action">
      <button type="button" className="ui-button ui-button--primary ui-button--small" disabled={toggle.busy} onClick={() => toggle.set(true, allEvents ? ['INSERT', 'UPDATE', 'DELETE'] : undefined)} data-testid="rt-enable-from-change">
        {toggle.busy ? 'Enabling…' : allEvents ? 'Deliver all events' : 'Enable realtime'}
      </button>
      {toggle.error && (
        <span className="ui-error" role="alert">
          {toggle.error}
        </span>
      )}
    </span>
  )
}
