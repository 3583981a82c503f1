// http/listen.ts — binds the API to 127.0.0.1 only. The default port (8080) moves to the next free one when taken;
// a port the user asked for explicitly does not: taking it is a clear error instead.
import type { FastifyInstance } from 'fastify'
import { StartupError } from '../errors.js'

export async function listen(app: FastifyInstance, port: number, explicit: boolean): Promise<number> {
  const attempts = explicit || port === 0 ? 1 : 20
  for (let i = 0; i < attempts; i++) {
    try {
      await app.listen({ host: '127.0.0.1', port: port === 0 ? 0 : port + i })
      const addr = app.server.address()
      return typeof addr === 'object' && addr ? addr.port : port + i
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'EADDRINUSE') throw err
      if (explicit) throw new StartupError(`port ${port} is already in use on 127.0.0.1; choose another with --port, or --port 0 for any free port`)
    }
  }
  throw new StartupError(`no free port found from ${port} to ${port + attempts - 1} on 127.0.0.1; choose one with --port`)
}
