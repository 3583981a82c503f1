// studio/log-routes.ts — the log viewer's endpoints: the same queries as /api/v1/admin/logs, a JSON-lines export,
// and a live stream over server-sent events (better-sse) that replays recent entries and then tails the bus, one
// event per entry or (?batch=ms) one event per interval.
import type { FastifyInstance } from 'fastify'
import { createSession } from 'better-sse'
import type { ServerContext } from '../context.js'
import { checkStudioToken } from './studio-auth.js'
import { matchesEntry, parseLogQuery } from '../logs/log-filter.js'
import { exportLogs, logStats, queryLogs } from '../logs/log-store.js'
import type { LogEntry } from '../logs/log-entry.js'

const STREAM_BATCH_MAX = 1000

export async function registerStudioLogRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/studio/api/logs', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const { filter, page } = parseLogQuery(request.query as Record<string, unknown>)
    return queryLogs(ctx.logs, filter, page)
  })

  app.get('/studio/api/logs/stats', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return logStats(ctx.logs)
  })

  app.get('/studio/api/logs/export', async (request, reply) => {
    checkStudioToken(request, ctx.studioToken)
    const { filter } = parseLogQuery(request.query as Record<string, unknown>)
    const entries = exportLogs(ctx.logs, filter)
    return reply
      .header('Content-Type', 'application/x-ndjson; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="fluxbase-logs.jsonl"')
      .send(entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : ''))
  })

  // EventSource cannot send headers: the token comes as ?token= for this one route.
  app.get('/studio/api/logs/stream', async (request, reply) => {
    const q = request.query as Record<string, unknown>
    if (typeof q.token === 'string' && !request.headers.authorization) request.headers.authorization = `Bearer ${q.token}`
    checkStudioToken(request, ctx.studioToken)
    const { filter } = parseLogQuery(q)
    const replay = Math.min(Number(q.replay ?? 200) || 0, 5000)
    // ?batch=<ms>: one `logs` event (an array) per interval instead of one `log` event per entry, so a viewer
    // tailing thousands of entries a second handles a few events, not thousands.
    const batchMs = q.batch === undefined ? 0 : Math.min(Math.max(Number(q.batch) || 50, 10), 1000)
    reply.hijack()
    const session = await createSession(request.raw, reply.raw, { keepAlive: 15_000, retry: 1000 })
    const lastSeen = Number(session.lastId || 0)
    const backlog = ctx.logs.recent().filter((e) => e.id > lastSeen && matchesEntry(e, filter))
    const replayed = replay > 0 ? backlog.slice(-replay) : []
    if (!batchMs) {
      for (const e of replayed) session.push(e, 'log', String(e.id))
      const off = ctx.logs.subscribe((e) => {
        if (session.isConnected && matchesEntry(e, filter)) session.push(e, 'log', String(e.id))
      })
      session.once('disconnected', off)
      return
    }
    const pushBatch = (list: LogEntry[]) => {
      for (let i = 0; i < list.length; i += STREAM_BATCH_MAX) {
        const chunk = list.slice(i, i + STREAM_BATCH_MAX)
        session.push(chunk, 'logs', String(chunk[chunk.length - 1].id))
      }
    }
    pushBatch(replayed)
    let pending: LogEntry[] = []
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = ctx.logs.subscribe((e) => {
      if (!session.isConnected || !matchesEntry(e, filter)) return
      pending.push(e)
      timer ??= setTimeout(() => {
        timer = undefined
        const list = pending
        pending = []
        if (session.isConnected) pushBatch(list)
      }, batchMs)
    })
    session.once('disconnected', () => {
      off()
      clearTimeout(timer)
    })
  })
}
