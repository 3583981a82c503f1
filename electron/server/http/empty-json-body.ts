// http/empty-json-body.ts — the app-wide JSON body parser. The SDK sends `Content-Type: application/json` on every
// request, also on bodiless POSTs (signOut, signInAnonymously) and DELETEs; Fastify's default parser refuses an empty
// JSON body with a 400. Here an empty body is simply "no body". (REST keeps its own raw-text parser in its scope.)
import type { FastifyInstance } from 'fastify'

export function allowEmptyJsonBodies(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json')
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') {
      done(null, undefined)
      return
    }
    try {
      done(null, JSON.parse(text))
    } catch (err) {
      // Rendered by the edge as 400 INVALID_JSON.
      ;(err as Error & { statusCode?: number }).statusCode = 400
      done(err as Error, undefined)
    }
  })
}
