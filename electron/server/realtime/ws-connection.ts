// realtime/ws-connection.ts — one /realtime WebSocket speaking the contract's protocol (§5): subscribe/ack,
// unsubscribe, heartbeats, access_token, broadcast (+ acks), presence, log streams. It is the connection's sink for
// the fan-out, and cuts itself off when the client stops reading (bounded send buffer) so nobody else waits.
import crypto from 'node:crypto'
import type { WebSocket } from 'ws'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import type { LogEntry } from '../logs/log-entry.js'
import type { ChangeEvent } from './change-event.js'
import type { ChannelMember } from './channels.js'
import { resolveSubscribe } from './subscribe-request.js'
import type { EncodedChange, Sink, Subscription } from './subscriptions.js'
import type { RealtimeService } from './realtime-service.js'

type Msg = Record<string, unknown>

const ADMIN_ROLES = new Set(['admin', 'dashboard_admin', 'service_role'])

export function isAdmin(identity: Identity): boolean {
  return ADMIN_ROLES.has(identity.appRole) || identity.dbRole === 'service_role'
}

export interface WsConnection {
  readonly id: string
  readonly sink: Sink
  /** ISO time the socket opened (the studio's inspector shows it). */
  readonly connectedAt?: string
  /** Bytes written to the socket and not yet sent (the runtime's memory by part). */
  buffered?(): number
  close(code?: number, reason?: string): void
}

export function attachWsConnection(socket: WebSocket, initialIdentity: Identity, rt: RealtimeService): WsConnection {
  const id = crypto.randomUUID()
  const logUnsubscribers = new Map<string, () => void>()
  let closed = false

  function cutOff(): void {
    if (closed) return
    rt.ctx.logs.log({
      category: 'realtime',
      level: 'warn',
      component: 'websocket',
      message: `realtime connection ${id} disconnected: it stopped reading (more than ${rt.config.sendBufferLimit} bytes waiting)`,
      user_id: sink.identity.userId ?? undefined,
    })
    // terminate(), not close(): a close frame would queue behind the very data the client is not reading.
    socket.terminate()
    cleanup()
  }

  function sendJson(json: string | Buffer): boolean {
    if (closed || socket.readyState !== socket.OPEN) return false
    if (socket.bufferedAmount + json.length > rt.config.sendBufferLimit) {
      cutOff()
      return false
    }
    // A change frame comes pre-encoded (shared by every socket it goes to): still a text frame.
    socket.send(json, { binary: false })
    return true
  }

  const send = (msg: Msg) => sendJson(JSON.stringify(msg))
  const sendError = (error: string) => send({ type: 'error', error })

  const sink: Sink & ChannelMember = {
    id,
    transport: 'ws',
    identity: initialIdentity,
    sendChange: (_event: ChangeEvent, change: EncodedChange) => sendJson(change.wsFrame()),
    sendJson,
  }

  const heartbeat = setInterval(() => send({ type: 'heartbeat' }), rt.config.heartbeatMs)
  heartbeat.unref?.()
  // At the token's exp (unless refreshed with access_token) or on its revocation: say why, then close.
  const unguard = rt.tokenGuard.add({
    sink,
    expire(reason) {
      send({ type: 'error', error: `${reason}: realtime connection closed; reconnect with a fresh token`, payload: { reason } })
      connection.close(1008, reason.slice(0, 100))
    },
  })

  function cleanup(): void {
    if (closed) return
    closed = true
    clearInterval(heartbeat)
    unguard()
    rt.subscriptions.removeSink(sink)
    rt.channels.leaveAll(sink)
    for (const off of logUnsubscribers.values()) off()
    logUnsubscribers.clear()
    rt.connections.delete(connection)
  }

  async function onSubscribe(msg: Msg): Promise<void> {
    const channel = typeof msg.channel === 'string' ? msg.channel : ''
    if (channel.startsWith('realtime:admin:') && !isAdmin(sink.identity)) {
      sendError('admin access required to subscribe to admin channels')
      return
    }
    const config = msg.config && typeof msg.config === 'object' ? (msg.config as Msg) : {}
    // The SDK sends `config`; older clients put the fields at the top level.
    const input = config.table ? config : msg
    if (channel) rt.channels.join(channel, sink)
    if (!input.table) {
      // Listen-only (broadcast / presence) clients join on subscribe.
      if (channel) send({ type: 'ack', payload: { subscribed: true, channel } })
      else sendError('table is required for subscribe')
      return
    }
    const resolved = await resolveSubscribe(input, rt.registry, rt.ctx.pools.admin)
    if (closed) return
    const sub: Subscription = { id: crypto.randomUUID(), sink, schema: resolved.schema, table: resolved.table, event: resolved.event, filter: resolved.filter, channel: channel || undefined }
    rt.subscriptions.add(sub)
    const payload: Msg = { subscribed: true, subscription_id: sub.id, schema: sub.schema, table: sub.table, event: sub.event }
    if (resolved.filterText) payload.filter = resolved.filterText
    if (channel) payload.channel = channel
    send({ type: 'ack', payload })
  }

  function onUnsubscribe(msg: Msg): void {
    const subId = typeof msg.subscription_id === 'string' ? msg.subscription_id : ''
    const channel = typeof msg.channel === 'string' ? msg.channel : ''
    if (subId) {
      const sub = rt.subscriptions.get(subId)
      if (sub && sub.sink === sink) rt.subscriptions.remove(subId)
      send({ type: 'ack', payload: { unsubscribed: true, subscription_id: subId } })
      return
    }
    for (const sub of rt.subscriptions.all()) if (sub.sink === sink && (!channel || sub.channel === channel)) rt.subscriptions.remove(sub.id)
    if (channel) rt.channels.leave(channel, sink)
    else rt.channels.leaveAll(sink)
    send({ type: 'ack', payload: { unsubscribed: true } })
  }

  function onBroadcast(msg: Msg): void {
    const channel = typeof msg.channel === 'string' ? msg.channel : ''
    if (!channel) return void sendError('channel is required for broadcast')
    if (channel.startsWith('realtime:admin:')) {
      // Admin channels are for the server to speak on; admins may listen.
      if (!isAdmin(sink.identity)) return void sendError('admin access required to subscribe to admin channels')
      rt.channels.join(channel, sink)
      send({ type: 'ack', payload: { subscribed: true, channel } })
      return
    }
    rt.channels.join(channel, sink)
    rt.channels.broadcast(channel, typeof msg.event === 'string' ? msg.event : 'broadcast', msg.payload ?? null)
    if (typeof msg.messageId === 'string' && msg.messageId) {
      // The SDK reads messageId/status at the top level, upstream sends them inside payload: both.
      send({ type: 'ack', messageId: msg.messageId, status: 'ok', payload: { messageId: msg.messageId, status: 'ok' } })
    }
  }

  function onPresence(msg: Msg): void {
    const channel = typeof msg.channel === 'string' ? msg.channel : ''
    if (!channel) return void sendError('channel is required for presence')
    const payload = msg.payload && typeof msg.payload === 'object' ? (msg.payload as Msg) : {}
    const event = payload.event ?? msg.event
    const key = typeof payload.key === 'string' ? payload.key : ''
    rt.channels.join(channel, sink)
    if (event === 'track') {
      if (!key) return void sendError('key is required for presence track')
      const state = payload.state && typeof payload.state === 'object' ? (payload.state as Record<string, unknown>) : {}
      rt.channels.track(channel, sink, key, state)
    } else if (event === 'untrack') {
      if (!key) return void sendError('key is required for presence untrack')
      rt.channels.untrack(channel, sink, key)
    } else sendError('unknown presence event')
  }

  async function onAccessToken(msg: Msg): Promise<void> {
    const token = typeof msg.token === 'string' ? msg.token : ''
    if (!token) return void sendError('token is required for access_token message')
    try {
      // Takes effect for the next change: the fan-out reads the sink's identity per batch.
      sink.identity = await rt.ctx.identifyToken(token)
      rt.tokenGuard.refreshed(sink)
      send({ type: 'ack', payload: { type: 'access_token', updated: true } })
    } catch {
      sendError('invalid token')
    }
  }

  function onSubscribeAllLogs(msg: Msg): void {
    if (!isAdmin(sink.identity)) return void sendError('admin role required for all-logs subscription')
    const p = msg.payload && typeof msg.payload === 'object' ? (msg.payload as Msg) : {}
    const category = typeof p.category === 'string' ? p.category : undefined
    const levels = Array.isArray(p.levels) ? p.levels.map(String) : undefined
    const subId = crypto.randomUUID()
    logUnsubscribers.set(
      subId,
      rt.ctx.logs.subscribe((entry: LogEntry) => {
        if (category && entry.category !== category) return
        if (levels?.length && !levels.includes(entry.level)) return
        // Our own warnings about this socket must not recurse into it.
        if (entry.component === 'websocket') return
        send({ type: 'log_entry', payload: entry })
      }),
    )
    const ack: Msg = { subscribed: true, subscription_id: subId, type: 'all_logs' }
    if (category) ack.category = category
    if (levels?.length) ack.levels = levels
    send({ type: 'ack', payload: ack })
  }

  function onSubscribeLogs(msg: Msg): void {
    const config = (msg.config && typeof msg.config === 'object' ? msg.config : msg.payload && typeof msg.payload === 'object' ? msg.payload : {}) as Msg
    const executionId = typeof config.execution_id === 'string' ? config.execution_id : ''
    const type = typeof config.type === 'string' ? config.type : undefined
    if (!executionId) return void sendError('execution_id is required for subscribe_logs')
    const admin = isAdmin(sink.identity)
    if (!admin && !sink.identity.userId) return void sendError('authentication required')
    const subId = crypto.randomUUID()
    logUnsubscribers.set(
      subId,
      rt.ctx.logs.subscribe((entry: LogEntry) => {
        if (entry.execution_id !== executionId) return
        // Only the execution's owner (or an admin) may read it.
        if (!admin && entry.user_id !== sink.identity.userId) return
        const f = entry.fields ?? {}
        send({
          type: 'execution_log',
          payload: { execution_id: executionId, execution_type: f.execution_type ?? type, line_number: f.line_number, level: entry.level, message: entry.message, timestamp: entry.timestamp },
        })
      }),
    )
    send({ type: 'ack', payload: { subscribed: true, subscription_id: subId, execution_id: executionId, ...(type ? { type } : {}) } })
  }

  async function onMessage(data: Buffer | string): Promise<void> {
    let msg: Msg
    try {
      const parsed = JSON.parse(data.toString())
      if (!parsed || typeof parsed !== 'object') throw new Error('not an object')
      msg = parsed as Msg
    } catch {
      return void sendError('invalid message: expected a JSON object')
    }
    try {
      switch (msg.type) {
        case 'subscribe':
          return await onSubscribe(msg)
        case 'unsubscribe':
          return onUnsubscribe(msg)
        case 'heartbeat':
          return // the server sends its own on a timer; no echo
        case 'broadcast':
          return onBroadcast(msg)
        case 'presence':
          return onPresence(msg)
        case 'access_token':
          return await onAccessToken(msg)
        case 'subscribe_all_logs':
          return onSubscribeAllLogs(msg)
        case 'subscribe_logs':
          return onSubscribeLogs(msg)
        default:
          return void sendError('unknown message type')
      }
    } catch (err) {
      sendError(err instanceof ApiError ? err.message : 'internal error')
      if (!(err instanceof ApiError)) {
        rt.ctx.logs.log({ category: 'realtime', level: 'error', component: 'websocket', message: `realtime message failed: ${(err as Error).message}` })
      }
    }
  }

  // Frames are handled one at a time, in order: a subscribe that awaits the catalog must not let a later
  // unsubscribe overtake it.
  let chain: Promise<void> = Promise.resolve()
  socket.on('message', (data: Buffer) => {
    chain = chain.then(() => onMessage(data))
  })
  socket.on('close', cleanup)
  socket.on('error', cleanup)

  const connection: WsConnection = {
    id,
    sink,
    connectedAt: new Date().toISOString(),
    buffered: () => socket.bufferedAmount,
    close(code = 1001, reason = 'server shutting down') {
      try {
        socket.close(code, reason)
      } catch {
        socket.terminate()
      }
      cleanup()
    },
  }
  rt.connections.add(connection)
  return connection
}
