// features/realtime/listen/ListenPanel.tsx — "Listen as": clients opened from the studio as any identity, side by side,
// each a real /realtime socket, so every column shows exactly what that client receives; with a broadcast form to
// see broadcasts arrive.
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
        <section className="rt-card rt-listen__form">
          <header className="rt-card__head">
            <h2>Listen as an identity</h2>
            <span className="rt-card__hint">A real WebSocket with that identity’s token, subscribing the way the SDK does.</span>
          </header>
          <ListenForm />
        </section>
        <section className="rt-card rt-listen__broadcast">
          <header className="rt-card__head">
            <h2>Broadcast</h2>
          </header>
          <BroadcastForm channels={channels} defaultChannel={channels[0] ?? ''} />
        </section>
      </div>
      {listeners.length === 0 ? (
        <div className="rt-empty rt-listen__empty">
          Open a column per identity — say two users and anon on the same table — and compare what each receives as rows change.
        </div>
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
