// storage/storage-scope.ts — a Fastify plugin scope for routes that take files: no body is parsed up front (an
// upload is streamed by its handler; the few JSON bodies are read by json-body.ts), and multipart is available.
// Used by the API's storage routes and by the studio's.
import type { FastifyInstance } from 'fastify'
import multipart from '@fastify/multipart'

export async function registerStorageScope(app: FastifyInstance, register: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null))
    await scope.register(multipart, { throwFileSizeLimit: false })
    register(scope)
  })
}
