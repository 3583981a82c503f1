// realtime/sse-routes.ts — GET /api/v1/realtime/sse?schema=&table=&event=&filter=: the same change payloads as the
// WebSocket, one SSE event each, with the event id from the WAL. Reconnecting with Last-Event-ID replays what the
// capture history still holds (through the same filter and access checks); a `reset` event says when it cannot.
import crypto from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { createSession, type Session } from 'better-sse'
import { eventIdLsn, type ChangeEvent } from './change-event.js'
import { ApiError } from '../errors.js'
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

/** The newest change id the history knows (or its floor): where a fresh stream stands. */
function newestId(rt: RealtimeService): string {
  return rt.capture.history.recent(1)[0]?.id ?? rt.capture.history.floorId
}

export async function registerSseRoutes(app: FastifyInstance, rt: RealtimeService): Promise<void> {
  app.get('/api/v1/realtime/sse', async (request, reply) => {
    const identity = await rt.ctx.identify(request, { required: false })
    const q = (request.query ?? {}) as Record<string, unknown>
    const resolved = await resolveSubscribe(q, rt.registry, rt.ctx.pools.admin)
    const header = request.headers['last-event-id']
    const lastEventId = (Array.isArray(header) ? header[0] : header) || (typeof q.last_event_id === 'string' ? q.last_event_id : '')
    // Only a change's id is a position; anything else (a random id another server sent) would compare wrongly.
    if (lastEventId && eventIdLsn(lastEventId) === undefined) {
      throw new ApiError(400, 'REALTIME_BAD_EVENT_ID', `Last-Event-ID "${lastEventId.slice(0, 80)}" is not a change id (expected 16 hex digits, a dash and 8 digits)`, undefined, 'reconnect without Last-Event-ID and reload the current state')
    }

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
    let heldBytes = 0
    const res = reply.raw
    let open = true

    function cutOff(why: string): void {
      rt.ctx.logs.log({ category: 'realtime', level: 'warn', component: 'sse', message: `realtime SSE stream ${sink.id} disconnected: ${why}` })
      close()
      res.destroy()
    }

    function write(event: ChangeEvent, json: string): boolean {
      if (!open || !session.isConnected) return false
      // Same rule as the WebSocket, during a resume too: a client that stops reading is cut off, it never holds
      // anyone else up. A resume is paced by waiting for the socket at half the limit (below), so a client that
      // reads never reaches it.
      if (res.writableLength + json.length > rt.config.sendBufferLimit) {
        cutOff(`it stopped reading (more than ${rt.config.sendBufferLimit} bytes waiting)`)
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
          // Live changes wait while the resume catches up, within the same budget as the socket's buffer.
          heldBytes += json.length
          if (heldBytes > rt.config.sendBufferLimit) {
            cutOff(`its resume fell more than ${rt.config.sendBufferLimit} bytes of changes behind`)
            return false
          }
          held.push({ event, json })
          return open
        }
        return write(event, json)
      },
    }
    const sub: Subscription = { id: crypto.randomUUID(), sink, schema: resolved.schema, table: resolved.table, event: resolved.event, filter: resolved.filter }

    const handle = {
      buffered: () => res.writableLength,
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
    // Non-change events carry the stream's position as their id (never a random one): an EventSource sends the
    // last id it saw back as Last-Event-ID, and the resume then starts from exactly there.
    const position = lastEventId || newestId(rt)
    session.push({ subscription_id: sub.id, schema: sub.schema, table: sub.table, event: sub.event, filter: resolved.filterText ?? null }, 'subscribed', position)
    if (lastEventId) {
      const { events, complete } = rt.capture.history.since(lastEventId)
      if (!complete) session.push({ reason: 'history_gap', message: 'some changes after Last-Event-ID are no longer held; reload current state' }, 'reset', position)
      try {
        // Batches of at most 200 changes and an eighth of the limit, with a wait for the socket past half of it:
        // a client that reads never comes near the cut-off, one that does not is cut off by it.
        const budget = rt.config.sendBufferLimit / 8
        for (let i = 0; i < events.length && open; ) {
          let j = i
          for (let size = 0; j < events.length && j - i < 200 && (j === i || size + events[j].bytes < budget); j++) size += events[j].bytes
          await rt.fanOut.replay(sub, events.slice(i, j), (event, { json }) => (event.id > lastSent ? write(event, json) : open))
          i = j
          if (res.writableLength > rt.config.sendBufferLimit / 2) await drained(res)
        }
      } finally {
        replaying = false
        heldBytes = 0
        for (const h of held.splice(0)) if (h.event.id > lastSent && !write(h.event, h.json)) break
      }
    }
  })
}
