// realtime/ws-routes.ts — the /realtime WebSocket endpoint. The token (?token= or Authorization) is verified before
// the upgrade: a bad one is a 401 and no socket; none at all means anon, with anon's RLS.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import websocket from '@fastify/websocket'
import type { Identity } from '../identity.js'
import { attachWsConnection } from './ws-connection.js'
import type { RealtimeService } from './realtime-service.js'

const identities = new WeakMap<FastifyRequest, Identity>()

export async function registerWsRoutes(app: FastifyInstance, rt: RealtimeService): Promise<void> {
  // Another area may already have registered the plugin on the root app.
  if (!app.hasDecorator('websocketServer')) {
    await app.register(websocket, {
      options: { maxPayload: 1024 * 1024, perMessageDeflate: false },
      // Our own shutdown closes realtime sockets with a reason; close any others the same way.
      preClose: async function (this: FastifyInstance) {
        for (const client of this.websocketServer.clients) client.close(1001, 'server shutting down')
      },
    })
  }
  app.get(
    '/realtime',
    {
      websocket: true,
      preValidation: async (request) => {
        // Throws ApiError 401 on a bad token: the edge renders it and no upgrade happens.
        identities.set(request, await rt.ctx.identify(request, { required: false }))
      },
    },
    (socket, request) => {
      const identity = identities.get(request)
      if (!identity) return socket.close(1011, 'no identity')
      attachWsConnection(socket, identity, rt)
    },
  )
}
