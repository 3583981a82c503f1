// renderer/src/api/realtime-api.ts — the realtime inspector's calls: the live change stream (EventSource, studio
// token as ?token= since EventSource cannot send headers), the snapshot of open connections and channels, the table
// list and its realtime switch, broadcasts, and "listen as" sockets: real /realtime WebSockets opened with an
// identity's token and spoken to like the SDK would, so a column shows exactly what that client receives.
import {
  INSPECTOR_BATCH_EVENT,
  type BroadcastResult,
  type InspectorBatch,
  type RealtimeSnapshot,
  type RealtimeTableInfo,
} from '../../../contract/studio-realtime'
import { studioCall, StudioApiError } from './studio-api'
import { runtimeUrl, studioConnection } from './studio-connection'

export type StreamState = { phase: 'live' } | { phase: 'reconnecting'; message: string } | { phase: 'failed'; message: string }

export interface InspectorStreamOptions {
  /** Resume after this change (what the studio saw before it closed the stream). */
  lastEventId?: string | null
  /** How many recent changes to replay when not resuming. */
  replay?: number
  onBatch(batch: InspectorBatch): void
  onState(state: StreamState): void
}

/** Opens the change stream; returns a function that closes it. EventSource reconnects by itself (with Last-Event-ID). */
export function openInspectorStream(options: InspectorStreamOptions): () => void {
  const token = studioConnection().getToken()
  if (!token) {
    options.onState({ phase: 'failed', message: 'No studio token: open the studio from the URL the runtime printed.' })
    return () => undefined
  }
  const q = new URLSearchParams({ token, replay: String(options.replay ?? 500) })
  if (options.lastEventId) q.set('last_event_id', options.lastEventId)
  const source = new EventSource(runtimeUrl(`/studio/api/realtime/stream?${q}`))
  source.addEventListener(INSPECTOR_BATCH_EVENT, (e) => {
    try {
      options.onBatch(JSON.parse((e as MessageEvent<string>).data) as InspectorBatch)
    } catch {
      options.onState({ phase: 'reconnecting', message: 'The runtime sent a batch the studio cannot read.' })
    }
  })
  source.onopen = () => options.onState({ phase: 'live' })
  source.onerror = () => {
    // CLOSED: the runtime refused the stream (e.g. a stale studio token) and EventSource gives up; else it retries.
    if (source.readyState === EventSource.CLOSED) options.onState({ phase: 'failed', message: 'The runtime refused the change stream. Reload the studio from the URL the runtime printed.' })
    else options.onState({ phase: 'reconnecting', message: 'Lost the change stream; reconnecting…' })
  }
  return () => source.close()
}

export function fetchRealtimeSnapshot(signal?: AbortSignal): Promise<RealtimeSnapshot> {
  return studioCall<RealtimeSnapshot>('/studio/api/realtime/snapshot', { signal, asIdentity: false })
}

export async function fetchRealtimeTables(signal?: AbortSignal): Promise<RealtimeTableInfo[]> {
  return (await studioCall<{ tables: RealtimeTableInfo[] }>('/studio/api/realtime/tables', { signal, asIdentity: false })).tables
}

/** Through the admin API's logic (as service_role, whoever the studio acts as). */
export function setTableRealtime(schema: string, table: string, enabled: boolean, events?: string[]): Promise<RealtimeTableInfo> {
  return studioCall<RealtimeTableInfo>(`/studio/api/realtime/tables/${encodeURIComponent(schema)}/${encodeURIComponent(table)}`, {
    method: 'PUT',
    body: { enabled, ...(events ? { events } : {}) },
    asIdentity: false,
  })
}

/** Sent as the identity the studio acts as, like an app calling POST /api/v1/realtime/broadcast. */
export function sendBroadcast(channel: string, event: string, payload: unknown): Promise<BroadcastResult> {
  return studioCall<BroadcastResult>('/studio/api/realtime/broadcast', { body: { channel, event, payload } })
}

/** A real token for any claims (role, sub, email…), signed by this runtime. */
export async function mintIdentityToken(claims: Record<string, unknown>): Promise<string> {
  return (await studioCall<{ access_token: string }>('/studio/api/rls/identity-token', { body: { claims }, asIdentity: false })).access_token
}

export type ServerFrame = Record<string, unknown> & { type?: string }

export interface ListenerSocket {
  send(message: Record<string, unknown>): void
  close(): void
}

export interface ListenerHandlers {
  onOpen(): void
  onFrame(frame: ServerFrame): void
  onClose(code: number, reason: string): void
}

/** How often the SDK sends its heartbeat. */
const HEARTBEAT_MS = 30_000

/**
 * A /realtime WebSocket on this runtime, as an app's client would open it: `?token=` with the identity's access token,
 * or no token at all for anon (the SDK never sends the anon key here).
 */
export function openListenerSocket(token: string | null, handlers: ListenerHandlers): ListenerSocket {
  const url = new URL(runtimeUrl(`/realtime${token ? `?token=${encodeURIComponent(token)}` : ''}`), window.location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  let socket: WebSocket
  try {
    socket = new WebSocket(url.href)
  } catch (err) {
    throw new StudioApiError('unreachable', `Could not open a realtime connection: ${(err as Error).message}`)
  }
  const heartbeat = setInterval(() => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'heartbeat' }))
  }, HEARTBEAT_MS)
  socket.onopen = () => handlers.onOpen()
  socket.onmessage = (e) => {
    try {
      const frame = JSON.parse(String(e.data)) as unknown
      if (frame && typeof frame === 'object') handlers.onFrame(frame as ServerFrame)
    } catch {
      handlers.onFrame({ type: 'unreadable', text: String(e.data).slice(0, 500) })
    }
  }
  socket.onclose = (e) => {
    clearInterval(heartbeat)
    handlers.onClose(e.code, e.reason)
  }
  return {
    send(message) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
    },
    close() {
      clearInterval(heartbeat)
      socket.close(1000, 'closed in the studio')
    },
  }
}
