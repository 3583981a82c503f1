// studio/studio-auth.ts — guards /studio/api: only the renderer, which holds the random token made at this start
// (from the preload in Electron, from the URL fragment in a browser), may call it.
import crypto from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'

export function newStudioToken(): string {
  return crypto.randomBytes(24).toString('base64url')
}

export function checkStudioToken(request: FastifyRequest, token: string): void {
  const header = request.headers.authorization ?? ''
  const given = header.startsWith('Bearer ') ? header.slice(7) : ''
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    throw new ApiError(401, 'STUDIO_TOKEN_REQUIRED', 'the studio API needs the studio token of this run (open the studio from the URL the runtime printed)')
  }
}
