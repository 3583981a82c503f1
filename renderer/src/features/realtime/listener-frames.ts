// features/realtime/listener-frames.ts — what a "listen as" column does with each frame its socket receives: which
// ones to show (not heartbeats), the subscribe message the SDK would send for a target, and a frame in words. Pure.
import type { ServerFrame } from '../../api/realtime-api'

export type ListenEvent = '*' | 'INSERT' | 'UPDATE' | 'DELETE'

export interface ListenTarget {
  /** Empty: join the channel only (broadcast and presence), like a listen-only SDK channel. */
  table: string
  schema: string
  event: ListenEvent
  filter: string
  channel: string
}

/** The frame the SDK sends for `channel(name).on('postgres_changes', config).subscribe()`, or a bare join. */
export function subscribeMessage(target: ListenTarget): Record<string, unknown> {
  if (!target.table) return { type: 'subscribe', channel: target.channel }
  const config: Record<string, unknown> = { event: target.event, schema: target.schema || 'public', table: target.table }
  if (target.filter.trim()) config.filter = target.filter.trim()
  return { type: 'subscribe', channel: target.channel, config }
}

export function defaultChannel(schema: string, table: string): string {
  return table ? `realtime:${schema || 'public'}:${table}` : 'room:lobby'
}

export type FrameKind = 'change' | 'broadcast' | 'presence' | 'ack' | 'error' | 'other'

export function frameKind(frame: ServerFrame): FrameKind {
  switch (frame.type) {
    case 'postgres_changes':
      return 'change'
    case 'broadcast':
    case 'presence':
    case 'ack':
    case 'error':
      return frame.type
    default:
      return 'other'
  }
}

export function isShown(frame: ServerFrame): boolean {
  return frame.type !== 'heartbeat'
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})

/** The inner object of a broadcast or presence frame (the contract nests it in payload, repeated at the top). */
export function innerOf(frame: ServerFrame): Record<string, unknown> {
  const type = String(frame.type)
  return obj(obj(frame.payload)[type] ?? frame[type])
}

/** The row a change frame carries (the old one for a DELETE). */
export function changeRow(frame: ServerFrame): { type: string; schema: string; table: string; row: Record<string, unknown> } {
  const p = obj(frame.payload)
  const type = String(p.type ?? '')
  return { type, schema: String(p.schema ?? ''), table: String(p.table ?? ''), row: obj(type === 'DELETE' ? p.old_record : p.record) }
}

export function ackText(frame: ServerFrame): string {
  const p = obj(frame.payload)
  if (p.type === 'access_token') return 'token updated'
  if (p.unsubscribed) return 'unsubscribed'
  if (p.table) return `subscribed to ${String(p.schema ?? 'public')}.${String(p.table)} (${String(p.event ?? '*')}${p.filter ? `, ${String(p.filter)}` : ''})`
  if (p.channel) return `joined ${String(p.channel)}`
  if (frame.messageId) return `broadcast ${String(frame.status ?? 'ok')}`
  return 'ok'
}
