// studio/static-routes.ts — serves the built studio UI (out/renderer) at /studio/ for browsers (headless mode).
// Files go out through @fastify/send (the file server inside @fastify/static: ETag, Last-Modified, Range, MIME
// types, no path escapes from the root). @fastify/static itself is not used: it loads glob and walks the folder at
// registration, ~40 ms of every start for a folder of four files.
import fs from 'node:fs'
import path from 'node:path'
import send from '@fastify/send'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'

export async function registerStudioStaticRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const dir = ctx.config.studioDistDir
  if (dir && fs.existsSync(path.join(dir, 'index.html'))) {
    // The studio's own API routes (/studio/api/…) are more specific, so the router never brings them here.
    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      // The page loads ./assets/…: from /studio (no slash) the browser would look in /assets/.
      const [pathname, query] = request.url.split(/\?(.*)/s)
      if (pathname === '/studio') return reply.redirect(`/studio/${query ? `?${query}` : ''}`, 301)
      const file = (request.params as { '*'?: string })['*'] || 'index.html'
      const result = await send(request.raw, `/${file}`, { root: dir, index: false, dotfiles: 'deny' })
      if (result.type === 'file') return reply.code(result.statusCode).headers(result.headers).send(result.stream)
      if (result.statusCode >= 500) throw result.metadata && 'error' in result.metadata ? result.metadata.error : new Error(`cannot serve ${file}`)
      // Missing, a folder, a dotfile or a path out of the root: the API's own 404, in its JSON shape.
      return reply.callNotFound()
    }
    // The router ignores trailing slashes, so /studio/ (also /studio) needs its own route beside the wildcard.
    app.get('/studio/', serve)
    app.get('/studio/*', serve)
    return
  }
  app.get('/studio/', async (_req, reply) =>
    reply
      .type('text/html')
      .send('<!doctype html><title>Fluxbase Studio</title><p>The studio UI is not built. Run <code>npm run build:renderer</code> and restart.</p>'),
  )
}
