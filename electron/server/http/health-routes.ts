// http/health-routes.ts — GET /health (contract §9) and GET /. Degraded (503) while PostgreSQL does not answer;
// "saturated" (still 200) while requests queue for an API connection, with the pool's figures.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'

async function databaseUp(ctx: ServerContext): Promise<boolean> {
  const ping = ctx.pools.admin.query('SELECT 1').then(
    () => true,
    () => false,
  )
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1500).unref())
  return Promise.race([ping, timeout])
}

export async function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/health', async (_request, reply) => {
    const database = await databaseUp(ctx)
    const realtime = ctx.realtimeUp?.() ?? database
    // What is off and what to change (realtime's unmet preconditions, degraded features): named, never silent.
    const problem = ctx.realtimeProblem?.()
    const details = { ...(problem ? { realtime: problem } : {}), ...(ctx.notes.length ? { notes: ctx.notes.map((n) => n.message) } : {}) }
    const api = ctx.pools.api
    // Saturation: every API connection busy and requests queued for one; they wait up to the pool-acquire deadline.
    const pool = { max: ctx.config.apiConnections, in_use: api.totalCount - api.idleCount, idle: api.idleCount, waiting: api.waitingCount, saturated: api.waitingCount > 0 }
    const body = { status: database ? (pool.saturated ? 'saturated' : 'ok') : 'degraded', services: { database, realtime }, pool, ...(Object.keys(details).length ? { details } : {}), timestamp: new Date().toISOString() }
    return reply.status(database ? 200 : 503).send(body)
  })
  app.get('/', async () => ({ status: 'ok' }))
}
