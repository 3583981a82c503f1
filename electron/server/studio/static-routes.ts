// studio/static-routes.ts — serves the built studio UI (out/renderer) at /studio/ for browsers (headless mode).
import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'

export async function registerStudioStaticRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const dir = ctx.config.studioDistDir
  if (dir && fs.existsSync(path.join(dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: dir, prefix: '/studio/', index: ['index.html'], wildcard: false })
    return
  }
  app.get('/studio/', async (_req, reply) =>
    reply
      .type('text/html')
      .send('<!doctype html><title>Fluxbase Studio</title><p>The studio UI is not built. Run <code>npm run build:renderer</code> and restart.</p>'),
  )
}
