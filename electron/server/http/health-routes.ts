// http/health-routes.ts — GET /health (contract §9) and GET /. Degraded (503) while PostgreSQL does not answer.
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
    const body = { status: database ? 'ok' : 'degraded', services: { database, realtime }, ...(Object.keys(details).length ? { details } : {}), timestamp: new Date().toISOString() }
    return reply.status(database ? 200 : 503).send(body)
  })
  app.get('/', async () => ({ status: 'ok' }))
}
