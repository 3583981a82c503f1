// features/realtime/connections/ConnectionsPanel.tsx — realtime right now: every open WebSocket and SSE stream (who,
// since when, what it subscribed to, how many events it got), the channels with their members and presence, and a
// form to broadcast on a channel.
import type { ReactElement } from 'react'
import { BroadcastForm } from '../listen/BroadcastForm'
import { ChannelList } from './ChannelList'
import { ConnectionTable } from './ConnectionTable'
import { useSnapshot } from './use-snapshot'

export function ConnectionsPanel(): ReactElement {
  const { snapshot, error, refresh } = useSnapshot()
  return (
    <div className="rt-panel rt-connections" data-testid="rt-connections">
      {error && (
        <div className="rt-error" role="alert">
          {error}
        </div>
      )}
      {snapshot && !snapshot.capture.up && (
        <div className="rt-error" role="alert">
          Change capture is not running{snapshot.capture.last_error ? `: ${snapshot.capture.last_error}` : ''}. It keeps retrying; nothing is delivered meanwhile.
        </div>
      )}
      <section className="rt-card">
        <header className="rt-card__head">
          <h2>Connections</h2>
          <span className="rt-card__hint">{snapshot ? `${snapshot.connections.length} open · updated every 2 s` : 'Loading…'}</span>
        </header>
        {snapshot && <ConnectionTable connections={snapshot.connections} />}
      </section>
      <div className="rt-connections__row">
        <section className="rt-card">
          <header className="rt-card__head">
            <h2>Channels</h2>
            <span className="rt-card__hint">{snapshot ? `${snapshot.channels.length} with members` : ''}</span>
          </header>
          {snapshot && <ChannelList channels={snapshot.channels} />}
        </section>
        <section className="rt-card">
          <header className="rt-card__head">
            <h2>Send a broadcast</h2>
          </header>
          <BroadcastForm channels={snapshot?.channels.map((c) => c.name) ?? []} onSent={refresh} />
        </section>
      </div>
    </div>
  )
}
