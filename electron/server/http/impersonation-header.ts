// http/impersonation-header.ts — `X-Impersonation-Token` on function invocations and job submissions (contract
// §1, §4): a valid token in it replaces the caller; an invalid one is a 400, never a silent fall-back to the caller.
import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'

export async function impersonatedOr(ctx: ServerContext, request: FastifyRequest, caller: Identity): Promise<Identity> {
  const impersonation = request.headers['x-impersonation-token']
  if (typeof impersonation !== 'string' || !impersonation) return caller
  try {
    return await ctx.identifyToken(impersonation)
  } catch {
    throw new ApiError(400, 'INVALID_IMPERSONATION_TOKEN', 'Invalid impersonation token')
  }
}
