// studio/realtime-inspector-routes.ts — the realtime inspector's endpoints: a live SSE stream of every captured change
// with its delivery decisions, a snapshot of open connections and channels, the tables realtime can deliver (on/off
// through the admin API), and a broadcast form (through the app-facing broadcast endpoint, as the studio's identity).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createSession } from 'better-sse'
import { z } from 'zod'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { parseBody } from '../http/parse-body.js'
import { getRealtime, type RealtimeService } from '../realtime/realtime-service.js'
import { checkStudioToken } from './studio-auth.js'
import { logStudioAction, STUDIO_IDENTITY_HEADER } from './studio-identity.js'
import { inspectorHub, MAX_REPLAY, type InspectorClient } from './realtime-inspector/inspector-hub.js'
import { realtimeSnapshot } from './realtime-inspector/inspector-snapshot.js'
import { realtimeTables } from './realtime-inspector/realtime-tables.js'
import { realtimeBefore, writeRealtimeMigration } from '../project/studio-writers/realtime-migration.js'
import { INSPECTOR_BATCH_EVENT, type BroadcastResult, type InspectorBatch, type RealtimeTableInfo } from '../../../contract/studio-realtime.js'

/** Bytes a studio stream may leave unread before batches are counted as dropped instead of queued. */
const STREAM_BUFFER_LIMIT = 16 * 1024 * 1024

const broadcastBody = z.object({
  channel: z.string().min(1).max(255),
  event: z.string().min(1).max(255).default('broadcast'),
  payload: z.unknown().optional(),
})

const setRealtimeBody = z.object({
  enabled: z.boolean(),
  events: z.array(z.enum(['INSERT', 'UPDATE', 'DELETE'])).min(1).optional(),
})

function realtimeOf(ctx: ServerContext): RealtimeService {
  const rt = getRealtime(ctx)
  if (!rt) throw new ApiError(503, 'REALTIME_UNAVAILABLE', 'realtime is not running in this runtime')
  return rt
}

interface Injected {
  status: number
  body: Record<string, unknown>
}

/** Runs a request through the app-facing route itself, so the studio gets exactly its checks and answers. */
async function callApi(app: FastifyInstance, method: 'POST' | 'DELETE', url: string, bearer: string, payload?: unknown): Promise<Injected> {
  const res = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: payload === undefined ? undefined : JSON.stringify(payload),
  })
  let body: Record<string, unknown> = {}
  try {
    body = res.json() as Record<string, unknown>
  } catch {
    // An empty or non-JSON answer: the status says it all.
  }
  if (res.statusCode >= 400) {
    const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
    throw new ApiError(res.statusCode, text(body.code) ?? 'REALTIME_ERROR', text(body.error) ?? text(body.message) ?? `HTTP ${res.statusCode}`, text(body.details), text(body.hint))
  }
  return { status: res.statusCode, body }
}

function studioBearer(ctx: ServerContext, request: FastifyRequest): string {
  const token = request.headers[STUDIO_IDENTITY_HEADER]
  return typeof token === 'string' && token ? token : ctx.keys.serviceRoleKey
}

export async function registerStudioRealtimeInspectorRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // Deliveries are recorded whenever the runtime runs, not only while an inspector is open.
  const running = getRealtime(ctx)
  if (running) inspectorHub(running)
  // EventSource cannot send headers: the token comes as ?token= for this one route.
  app.get('/studio/api/realtime/stream', async (request, reply) => {
    const q = (request.query ?? {}) as Record<string, unknown>
    if (typeof q.token === 'string' && !request.headers.authorization) request.headers.authorization = `Bearer ${q.token}`
    checkStudioToken(request, ctx.studioToken)
    const rt = realtimeOf(ctx)
    const hub = inspectorHub(rt)
    const replayCount = Math.max(0, Math.min(Number(q.replay ?? 500) || 0, MAX_REPLAY))
    const header = request.headers['last-event-id']
    const lastEventId = (Array.isArray(header) ? header[0] : header) || (typeof q.last_event_id === 'string' ? q.last_event_id : '')

    reply.hijack()
    const res = reply.raw
    const session = await createSession(request.raw, res, {
      headers: { ...(reply.getHeaders() as Record<string, string>), 'X-Accel-Buffering': 'no' },
      keepAlive: 15_000,
      retry: 1000,
      serializer: (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data)),
    })
    // A decisions-only batch repeats the last change id: a random one would break Last-Event-ID on reconnect.
    let lastId = lastEventId
    let dropped = 0
    const push = (json: string, id: string | undefined) => {
      if (id) lastId = id
      session.push(json, INSPECTOR_BATCH_EVENT, lastId)
    }
    const client: InspectorClient = {
      send(json, id, count) {
        if (!session.isConnected) return
        if (res.writableLength > STREAM_BUFFER_LIMIT) {
          // The studio stopped reading (a frozen tab): count what it misses rather than hold it in memory.
          dropped += count
          return
        }
        if (dropped) {
          const note: InspectorBatch = { changes: [], decisions: [], dropped }
          dropped = 0
          push(JSON.stringify(note), undefined)
        }
        push(json, id)
      },
    }
    // Replay and join in one tick: nothing captured in between can be missed or doubled.
    const replay = hub.replay(lastEventId || undefined, replayCount)
    hub.add(client)
    session.once('disconnected', () => hub.remove(client))
    push(JSON.stringify(replay), replay.changes.at(-1)?.id)
  })

  app.get('/studio/api/realtime/snapshot', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return realtimeSnapshot(realtimeOf(ctx))
  })

  app.get('/studio/api/realtime/tables', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return { tables: await realtimeTables(realtimeOf(ctx)) }
  })

  // The admin API's own logic (REPLICA IDENTITY FULL, the registry row), reached as service_role.
  app.put('/studio/api/realtime/tables/:schema/:table', async (request): Promise<RealtimeTableInfo> => {
    checkStudioToken(request, ctx.studioToken)
    const rt = realtimeOf(ctx)
    const { schema, table } = request.params as { schema: string; table: string }
    const body = parseBody(setRealtimeBody, request.body)
    const key = ctx.keys.serviceRoleKey
    const before = await realtimeBefore(ctx, schema, table)
    if (body.enabled) await callApi(app, 'POST', '/api/v1/admin/realtime/tables', key, { schema, table, ...(body.events ? { events: body.events } : {}) })
    else await callApi(app, 'DELETE', `/api/v1/admin/realtime/tables/${encodeURIComponent(schema)}/${encodeURIComponent(table)}`, key)
    // The project folder gets the change as a migration (issue 17), once the admin API has made it.
    const migration = before ? await writeRealtimeMigration(ctx, schema, table, body.enabled, body.events, before) : undefined
    logStudioAction(ctx, request, `realtime ${body.enabled ? 'enabled' : 'disabled'} on ${schema}.${table}`, { schema, table, events: body.events, file: migration?.file })
    const info = (await realtimeTables(rt)).find((t) => t.schema === schema && t.table === table)
    if (!info) throw new ApiError(404, 'TABLE_NOT_FOUND', `Table '${schema}.${table}' does not exist`)
    return info
  })

  // As the studio's identity, like an app would send it (admin channels need an admin).
  app.post('/studio/api/realtime/broadcast', async (request): Promise<BroadcastResult> => {
    checkStudioToken(request, ctx.studioToken)
    realtimeOf(ctx)
    const body = parseBody(broadcastBody, request.body)
    const res = await callApi(app, 'POST', '/api/v1/realtime/broadcast', studioBearer(ctx, request), { channel: body.channel, event: body.event, message: body.payload ?? null })
    logStudioAction(ctx, request, `broadcast "${body.event}" on ${body.channel}`, { channel: body.channel, event: body.event, recipients: res.body.recipients })
    return { success: res.body.success === true, channel: String(res.body.channel ?? body.channel), recipients: Number(res.body.recipients ?? 0) }
  })
}
