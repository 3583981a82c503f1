// realtime/http-routes.ts — POST /api/v1/realtime/broadcast (send to a channel over HTTP, as the contract says)
// and GET /api/v1/realtime/stats (capture, fan-out and delivery-decision counters; admins only).
import type { FastifyInstance } from 'fastify'
import { ApiError } from '../errors.js'
import type { RealtimeService } from './realtime-service.js'
import { isAdmin } from './ws-connection.js'

export async function registerRealtimeHttpRoutes(app: FastifyInstance, rt: RealtimeService): Promise<void> {
  app.post('/api/v1/realtime/broadcast', async (request) => {
    const identity = await rt.ctx.identify(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const channel = typeof body.channel === 'string' ? body.channel : ''
    if (!channel) throw new ApiError(400, 'CHANNEL_REQUIRED', 'channel is required')
    if (channel.startsWith('realtime:admin:') && !isAdmin(identity)) throw new ApiError(403, 'FORBIDDEN', 'admin access required for admin channels')
    const event = typeof body.event === 'string' && body.event ? body.event : 'broadcast'
    const recipients = rt.channels.broadcast(channel, event, body.message ?? body.payload ?? null)
    return { success: true, channel, recipients }
  })

  app.get('/api/v1/realtime/stats', async (request) => {
    const identity = await rt.ctx.identify(request)
    if (!isAdmin(identity)) throw new ApiError(403, 'FORBIDDEN', 'admin or service_role required for realtime stats')
    return rt.stats()
  })
}
