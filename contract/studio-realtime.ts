// contract/studio-realtime.ts — the wire shapes of the realtime inspector's endpoints (/studio/api/realtime/…): the
// SSE stream of captured changes with their delivery decisions, the snapshot of open connections and channels, the
// table list with realtime on or off, and the broadcast form. Types and a few constants only.

export type CapturedChangeType = 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE' | 'DDL'

/**
 * What realtime could do with a change when it was captured:
 * live — the table delivers this event type to subscribers; realtime_off — the table is not enabled for realtime;
 * event_off — enabled, but not for this event type; not_delivered — never sent to clients (DDL, TRUNCATE, the registry).
 */
export type ChangeDelivery = 'live' | 'realtime_off' | 'event_off' | 'not_delivered'

export interface InspectorChange {
  /** WAL order, stable across restarts; the SSE event id. */
  id: string
  /** Per runtime run, gap-free. */
  seq: number
  lsn: string
  xid: number
  type: CapturedChangeType
  schema: string
  table: string
  record: Record<string, unknown> | null
  old_record: Record<string, unknown> | null
  /** old_record holds only the key: the table is not REPLICA IDENTITY FULL. */
  old_key_only: boolean
  commit_timestamp: string
  delivery: ChangeDelivery
  /** Subscriptions listening to this table and event type when it was captured (each gets one decision). */
  listening: number
  /** Columns realtime leaves out of what clients receive. */
  excluded_columns: string[]
  /** False when the inspector was not watching at capture time, so its decisions were not recorded. */
  decisions_recorded: boolean
  /** Column values cut down for the inspector (the clients got them whole). */
  truncated?: string[]
}

export type DecisionOutcome = 'delivered' | 'filtered_out' | 'refused_rls' | 'dropped_slow'

export interface InspectorIdentity {
  role: string
  user_id: string | null
  /** What a person reads: the email claim, else the user id, else the role. */
  label: string
  /** The verified claims without exp/iat/nbf: enough to act as this identity in the RLS simulator. */
  claims: Record<string, unknown>
}

export interface InspectorDecision {
  event_id: string
  at: string
  subscription_id: string
  connection_id: string
  transport: 'ws' | 'sse'
  outcome: DecisionOutcome
  /** delivered: false when another subscription of the same connection already carried the frame. */
  frame?: boolean
  /** filtered_out: the subscription's filter that did not match. */
  reason?: string
  channel?: string
  filter?: string
  identity: InspectorIdentity
}

/** One SSE message (event name `batch`): changes first, then decisions (which may be about earlier changes). */
export interface InspectorBatch {
  changes: InspectorChange[]
  decisions: InspectorDecision[]
  /** Changes the server could not send because this client fell behind (added to the dropped counter). */
  dropped?: number
  /** A replay from the runtime's memory of recent changes, sent on connect or reconnect. */
  replay?: boolean
  /** Some changes after the client's last one are no longer held: there is a hole before this batch. */
  gap?: boolean
}

export const INSPECTOR_BATCH_EVENT = 'batch'

export interface SubscriptionInfo {
  id: string
  channel: string | null
  schema: string
  table: string
  event: string
  filter: string | null
  since: string | null
  events_sent: number
}

export interface ConnectionInfo {
  id: string
  transport: 'ws' | 'sse'
  connected_at: string | null
  identity: InspectorIdentity
  subscriptions: SubscriptionInfo[]
  channels: string[]
  events_sent: number
}

export interface PresenceInfo {
  key: string
  connection_id: string
  state: Record<string, unknown>
}

export interface ChannelInfo {
  name: string
  members: string[]
  presence: PresenceInfo[]
}

export interface CaptureInfo {
  up: boolean
  slot: string
  events: number
  last_event_at: string | null
  last_error: string | null
}

export interface RealtimeSnapshot {
  capture: CaptureInfo
  connections: ConnectionInfo[]
  channels: ChannelInfo[]
}

export interface RealtimeTableInfo {
  schema: string
  table: string
  realtime_enabled: boolean
  events: string[]
  excluded_columns: string[]
  rls_enabled: boolean
  /** 'full' once realtime has been enabled: UPDATE and DELETE carry the whole old row. */
  replica_identity: 'default' | 'full' | 'nothing' | 'index'
}

export interface BroadcastRequest {
  channel: string
  event?: string
  payload?: unknown
}

export interface BroadcastResult {
  success: boolean
  channel: string
  recipients: number
}

export interface SetRealtimeRequest {
  enabled: boolean
  /** When enabling: which events (default all three). */
  events?: Array<'INSERT' | 'UPDATE' | 'DELETE'>
}
