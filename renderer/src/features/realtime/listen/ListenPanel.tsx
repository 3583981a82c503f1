// features/realtime/listen/ListenPanel.tsx — "Listen as": clients opened from the studio as any identity, side by side,
// each a real /realtime socket, so every column shows exactly what that client receives; with a broadcast form to
// see broadcasts arrive.
import { EmptyState, Panel } from '../../../components/ui'
import type { ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import { BroadcastForm } from './BroadcastForm'
import { ListenForm } from './ListenForm'
import { ListenerColumn } from './ListenerColumn'

export function ListenPanel(): ReactElement {
  const listeners = useStudioStore((s) => s.rtListeners)
  const channels = [...new Set(listeners.map((l) => l.target.channel))]
  return (
    <div className="rt-listen" data-testid="rt-listen">
      <div className="rt-listen__top">
        <Panel title="Listen as an identity" hint="A real WebSocket with that identity’s token, subscribing the way the SDK does." className="rt-listen__form">
          <ListenForm />
        </Panel>
        <Panel title="Broadcast" className="rt-listen__broadcast">
          <BroadcastForm channels={channels} defaultChannel={channels[0] ?? ''} />
        </Panel>
      </div>
      {listeners.length === 0 ? (
        <div className="rt-listen__empty"><EmptyState size="compact" title={<>Open a column per identity — say two users and anon on the same table — and compare what each receives as rows change.</>} /></div>
      ) : (
        <div className="rt-listen__columns">
          {listeners.map((l) => (
            <ListenerColumn key={l.id} listener={l} />
          ))}
        </div>
      )}
    </div>
  )
}
