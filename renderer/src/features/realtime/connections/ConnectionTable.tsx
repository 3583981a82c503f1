// features/realtime/connections/ConnectionTable.tsx — one row per open connection: identity, transport, since when,
// each subscription (channel, table, event, filter, since, events sent) and the channels it joined.
import { Badge, EmptyState } from '../../../components/ui'
import type { ReactElement } from 'react'
import type { ConnectionInfo } from '../../../../../contract/studio-realtime'
import { useNow } from '../../../components/use-now'
import { ago, plural, shortId } from '../format'

export function ConnectionTable({ connections }: { connections: ConnectionInfo[] }): ReactElement {
  const now = useNow(5000)
  if (!connections.length) {
    return <EmptyState size="compact" title={<>No client is connected. Apps connect to /realtime (WebSocket) or /api/v1/realtime/sse; “Listen as” opens one from here.</>} />
  }
  return (
    <table className="rt-grid" data-testid="rt-connection-table">
      <thead>
        <tr>
          <th scope="col">Identity</th>
          <th scope="col">Connection</th>
          <th scope="col">Subscriptions</th>
          <th scope="col">Channels</th>
          <th scope="col" className="rt-grid__num">
            Events sent
          </th>
        </tr>
      </thead>
      <tbody>
        {connections.map((c) => (
          <tr key={c.id} data-testid="rt-connection" data-identity={c.identity.label}>
            <td>
              <div className="rt-who">{c.identity.label}</div>
              <Badge>{c.identity.role}</Badge>
            </td>
            <td>
              <div>
                {c.transport === 'ws' ? 'WebSocket' : 'SSE'} <code>{shortId(c.id)}</code>
              </div>
              <div className="rt-faint" title={c.connected_at ?? undefined}>
                since {ago(c.connected_at, now)}
              </div>
            </td>
            <td>
              {c.subscriptions.length === 0 && <span className="rt-faint">none (channel only)</span>}
              <ul className="rt-subs">
                {c.subscriptions.map((s) => (
                  <li key={s.id}>
                    <code>
                      {s.schema}.{s.table}
                    </code>{' '}
                    <Badge>{s.event === '*' ? 'all events' : s.event}</Badge>
                    {s.filter && <code className="rt-subs__filter">{s.filter}</code>}
                    <span className="rt-faint">
                      {' '}
                      · {plural(s.events_sent, 'event')} · since {ago(s.since, now)}
                      {s.channel ? ` · ${s.channel}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </td>
            <td>{c.channels.length ? c.channels.join(', ') : <span className="rt-faint">—</span>}</td>
            <td className="rt-grid__num tabular">{c.events_sent.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
