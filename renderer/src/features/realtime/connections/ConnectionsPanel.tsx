// features/realtime/connections/ConnectionsPanel.tsx — realtime right now: every open WebSocket and SSE stream (who,
// since when, what it subscribed to, how many events it got), the channels with their members and presence, and a
// form to broadcast on a channel.
import { InlineError, Panel } from '../../../components/ui'
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
        <InlineError message={<>{error}</>} />
      )}
      {snapshot && !snapshot.capture.up && (
        <InlineError message={<>Change capture is not running{snapshot.capture.last_error ? `: ${snapshot.capture.last_error}` : ''}. It keeps retrying; nothing is delivered meanwhile.</>} />
      )}
      <Panel title="Connections" hint={snapshot ? `${snapshot.connections.length} open · updated every 2 s` : 'Loading…'}>
        {snapshot && <ConnectionTable connections={snapshot.connections} />}
      </Panel>
      <div className="rt-connections__row">
        <Panel title="Channels" hint={snapshot ? `${snapshot.channels.length} with members` : ''}>
          {snapshot && <ChannelList channels={snapshot.channels} />}
        </Panel>
        <Panel title="Send a broadcast">
          <BroadcastForm channels={snapshot?.channels.map((c) => c.name) ?? []} onSent={refresh} />
        </Panel>
      </div>
    </div>
  )
}
