// rest/request/raw-json-body.ts — the JSON body parser of the REST and RPC routes: parsed for checking, but the raw
// text is kept, so a 1,000-row insert is not serialised again before it becomes the statement's one parameter.
import type { FastifyInstance } from 'fastify'
import { ApiError } from '../../errors.js'

export interface RawJsonBody {
  raw: string
  value: unknown
}

export function useRawJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json'])
  app.addContentTypeParser(['application/json', 'application/vnd.pgrst.object+json', 'text/plain'], { parseAs: 'string' }, (_request, text, done) => {
    const raw = String(text)
    if (raw.trim() === '') return done(null, undefined)
    try {
      done(null, { raw, value: JSON.parse(raw) as unknown } satisfies RawJsonBody)
    } catch (err) {
      done(new ApiError(400, 'PGRST102', `the request body is not valid JSON: ${(err as Error).message}`), undefined)
    }
  })
}
