// studio/studio-identity.ts — who a studio call runs as. By default the superuser (SQL console) or service_role
// (table data); with the RLS simulator's identity active, the renderer sends that identity's real access token
// (an impersonation token) in X-Studio-Identity, verified exactly like an app's Bearer token.
import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import type { Identity } from '../identity.js'

export const STUDIO_IDENTITY_HEADER = 'x-studio-identity'

export async function studioIdentity(ctx: ServerContext, request: FastifyRequest): Promise<Identity | undefined> {
  const token = request.headers[STUDIO_IDENTITY_HEADER]
  if (typeof token !== 'string' || !token) return undefined
  return ctx.identifyToken(token)
}

export function identityLabel(identity: Identity | undefined): string {
  if (!identity) return 'superuser'
  const email = typeof identity.claims.email === 'string' ? identity.claims.email : undefined
  return email ?? identity.userId ?? identity.appRole
}

/** Every mutating studio call leaves a line in the log viewer, as a studio action. */
export function logStudioAction(ctx: ServerContext, request: FastifyRequest, action: string, fields: Record<string, unknown> = {}): void {
  ctx.logs.log({ category: 'studio', level: 'info', component: 'studio', request_id: request.id, message: `studio: ${action}`, fields: { action, ...fields } })
}
