// studio/realtime-inspector/inspector-snapshot.ts — what realtime holds open right now, for the inspector's
// Connections panel: every WebSocket and SSE stream with its identity and subscriptions (since when, how many events
// each has been sent), and every channel with its members and presence state. Read from the running service.
import type { RealtimeService } from '../../realtime/realtime-service.js'
import type { Sink, Subscription } from '../../realtime/subscriptions.js'
import type { ChannelInfo, ConnectionInfo, RealtimeSnapshot, SubscriptionInfo } from '../../../../contract/studio-realtime.js'
import { inspectorIdentity } from './inspector-change.js'

function subscriptionInfo(sub: Subscription): SubscriptionInfo {
  return {
    id: sub.id,
    channel: sub.channel ?? null,
    schema: sub.schema,
    table: sub.table,
    event: sub.event,
    filter: sub.filter ? `${sub.filter.column}=${sub.filter.op}.${sub.filter.value}` : null,
    since: sub.since ?? null,
    events_sent: sub.sent ?? 0,
  }
}

export function realtimeSnapshot(rt: RealtimeService): RealtimeSnapshot {
  const channels = rt.channels.list()
  const channelsOf = new Map<string, string[]>()
  for (const ch of channels) for (const id of ch.members) channelsOf.set(id, [...(channelsOf.get(id) ?? []), ch.name])

  const subsOf = new Map<Sink, Subscription[]>()
  for (const sub of rt.subscriptions.all()) subsOf.set(sub.sink, [...(subsOf.get(sub.sink) ?? []), sub])

  const connections: ConnectionInfo[] = []
  const describe = (sink: Sink, connectedAt: string | null): ConnectionInfo => {
    const subscriptions = (subsOf.get(sink) ?? []).map(subscriptionInfo)
    return {
      id: sink.id,
      transport: sink.transport,
      connected_at: connectedAt,
      identity: inspectorIdentity(sink.identity),
      subscriptions,
      channels: channelsOf.get(sink.id) ?? [],
      events_sent: subscriptions.reduce((n, s) => n + s.events_sent, 0),
    }
  }
  for (const c of rt.connections) connections.push(describe(c.sink, c.connectedAt ?? null))
  // An SSE stream is one subscription on its own sink, opened with the stream.
  for (const [sink, subs] of subsOf) if (sink.transport === 'sse') connections.push(describe(sink, subs[0]?.since ?? null))
  connections.sort((a, b) => (a.connected_at ?? '').localeCompare(b.connected_at ?? ''))

  const stats = rt.capture.stats()
  const channelInfos: ChannelInfo[] = channels.map((ch) => ({
    name: ch.name,
    members: ch.members,
    presence: ch.presence.map((p) => ({ key: p.key, connection_id: p.member, state: p.state })),
  }))
  return {
    capture: { up: stats.up, slot: stats.slot, events: stats.events, last_event_at: stats.lastEventAt, last_error: stats.lastError },
    connections,
    channels: channelInfos.sort((a, b) => a.name.localeCompare(b.name)),
  }
}
