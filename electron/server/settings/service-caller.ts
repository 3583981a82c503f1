// settings/service-caller.ts — the check in front of the admin settings and legacy secrets routes: the caller holds
// the service role (the service key, or a dashboard_admin user). Answers the id recorded as created_by/updated_by.
import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { isPrivileged } from '../rpc/check-access.js'
import { isUuid } from './setting-keys.js'

export async function serviceCaller(ctx: ServerContext, request: FastifyRequest, what: string): Promise<string | null> {
  const caller = await ctx.identify(request, { required: true })
  if (!isPrivileged(caller)) throw new ApiError(403, 'FORBIDDEN', `${what} need the service role`)
  return isUuid(caller.userId) ? caller.userId : null
}
