// features/realtime/connections/ChannelList.tsx — channels with members, and the presence state each tracked key holds.
import { EmptyState } from '../../../components/ui'
import type { ReactElement } from 'react'
import type { ChannelInfo } from '../../../../../contract/studio-realtime'
import { plural, shortId } from '../format'

export function ChannelList({ channels }: { channels: ChannelInfo[] }): ReactElement {
  if (!channels.length) return <EmptyState size="compact" title={<>No channel has members. A client joins one when it subscribes, broadcasts or tracks presence.</>} />
  return (
    <ul className="rt-channels" data-testid="rt-channels">
      {channels.map((ch) => (
        <li key={ch.name} className="rt-channel" data-channel={ch.name}>
          <div className="rt-channel__head">
            <code>{ch.name}</code>
            <span className="rt-faint">{plural(ch.members.length, 'member')}</span>
          </div>
          {ch.presence.length === 0 ? (
            <div className="rt-faint">No presence tracked.</div>
          ) : (
            <ul className="rt-presence">
              {ch.presence.map((p) => (
                <li key={p.key}>
                  <span className="rt-presence__dot" aria-hidden />
                  <strong>{p.key}</strong> <code className="rt-presence__state">{JSON.stringify(p.state)}</code>
                  <span className="rt-faint"> · connection {shortId(p.connection_id)}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  )
}
