// realtime/sse-routes.ts — GET /api/v1/realtime/sse?schema=&table=&event=&filter=: the same change payloads as the
// WebSocket, one SSE event each, with the event id from the WAL. Reconnecting with Last-Event-ID replays what the
// capture history still holds (through the same filter and access checks); a `reset` event says when it cannot.
import crypto from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { createSession, type Session } from 'better-sse'
import type { ChangeEvent } from './change-event.js'
import { resolveSubscribe } from './subscribe-request.js'
import type { Sink, Subscription } from './subscriptions.js'
import type { RealtimeService } from './realtime-service.js'

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.once('drain', done)
    res.once('close', done)
  })
}

export async function registerSseRoutes(app: FastifyInstance, rt: RealtimeService): Promise<void> {
  app.get('/api/v1/realtime/sse', async (request, reply) => {
    const identity = await rt.ctx.identify(request, { required: false })
    const q = (request.query ?? {}) as Record<string, unknown>
    const resolved = await resolveSubscribe(q, rt.registry, rt.ctx.pools.admin)
    const header = request.headers['last-event-id']
    const lastEventId = (Array.isArray(header) ? header[0] : header) || (typeof q.last_event_id === 'string' ? q.last_event_id : '')

    reply.hijack()
    const session: Session = await createSession(request.raw, reply.raw, {
      // CORS and request-id headers set by the edge's hooks; hijacking bypasses Fastify's own sending of them.
      headers: { ...(reply.getHeaders() as Record<string, string>), 'X-Accel-Buffering': 'no' },
      keepAlive: 15_000,
      retry: 2_000,
      trustClientEventId: false,
      serializer: (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data)),
    })

    let replaying = !!lastEventId
    let lastSent = lastEventId || ''
    const held: { event: ChangeEvent; json: string }[] = []
    const res = reply.raw
    let open = true

    function write(event: ChangeEvent, json: string, resumed = false): boolean {
      if (!open || !session.isConnected) return false
      // Same rule as the WebSocket: a client that stops reading is cut off, it never holds anyone else up. A resume
      // is paced by waiting for the socket instead (below), so its burst does not count as slowness.
      if (!resumed && res.writableLength + json.length > rt.config.sendBufferLimit) {
        rt.ctx.logs.log({ category: 'realtime', level: 'warn', component: 'sse', message: `realtime SSE stream ${sink.id} disconnected: it stopped reading` })
        close()
        res.destroy()
        return false
      }
      session.push(json, 'message', event.id)
      lastSent = event.id
      return true
    }

    const sink: Sink = {
      id: crypto.randomUUID(),
      transport: 'sse',
      identity,
      sendChange(event, { json }) {
        // Ids are WAL order: anything at or before what this client has is a duplicate from the resume overlap.
        if (event.id <= lastSent) return open
        if (replaying) {
          held.push({ event, json })
          return open
        }
        return write(event, json)
      },
    }
    const sub: Subscription = { id: crypto.randomUUID(), sink, schema: resolved.schema, table: resolved.table, event: resolved.event, filter: resolved.filter }

    const handle = {
      end: () => {
        close()
        res.end()
      },
    }
    function close(): void {
      if (!open) return
      open = false
      unguard()
      rt.subscriptions.remove(sub.id)
      rt.sseStreams.delete(handle)
    }
    session.on('disconnected', close)
    rt.sseStreams.add(handle)
    // SSE has no way to refresh a token: the stream ends at its exp or revocation, and the client reconnects.
    const unguard = rt.tokenGuard.add({
      sink,
      expire(reason) {
        if (open && session.isConnected) session.push({ reason, message: `${reason}: stream closed; reconnect with a fresh token` }, 'closed')
        handle.end()
      },
    })

    // Subscribe first, then read history: an event is then either in the history, live, or both (deduplicated).
    rt.subscriptions.add(sub)
    session.push({ subscription_id: sub.id, schema: sub.schema, table: sub.table, event: sub.event, filter: resolved.filterText ?? null }, 'subscribed')
    if (lastEventId) {
      const { events, complete } = rt.capture.history.since(lastEventId)
      if (!complete) session.push({ reason: 'history_gap', message: 'some changes after Last-Event-ID are no longer held; reload current state' }, 'reset')
      try {
        for (let i = 0; i < events.length && open; i += 200) {
          await rt.fanOut.replay(sub, events.slice(i, i + 200), (event, { json }) => (event.id > lastSent ? write(event, json, true) : open))
          if (res.writableLength > rt.config.sendBufferLimit / 2) await drained(res)
        }
      } finally {
        replaying = false
        for (const h of held.splice(0)) if (h.event.id > lastSent && !write(h.event, h.json)) break
      }
    }
  })
}
