// rpc/check-access.ts — may this identity call this procedure? (contract §2) service_role and dashboard_admin
// always; anon only a public one; `require_role` is OR over `anon`, `authenticated` or an exact app role.
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import type { ProcedureDefinition } from './procedure-types.js'

export function isPrivileged(identity: Identity): boolean {
  return identity.dbRole === 'service_role' || identity.appRole === 'dashboard_admin'
}

export function checkAccess(identity: Identity, proc: ProcedureDefinition): void {
  if (isPrivileged(identity)) return
  const label = `${proc.namespace}/${proc.name}`
  if (identity.dbRole === 'anon' && !proc.isPublic) {
    throw new ApiError(403, 'FORBIDDEN', `procedure ${label} is not public: sign in to call it`, undefined, 'add "-- @fluxbase:public true" to allow anonymous callers')
  }
  const roles = proc.requireRole ?? []
  if (!roles.length) return
  const ok = roles.some((r) => r === identity.appRole || (r === 'authenticated' && identity.dbRole === 'authenticated') || r === 'anon')
  if (!ok) throw new ApiError(403, 'FORBIDDEN', `procedure ${label} requires the role ${roles.join(' or ')}; you are ${identity.appRole}`)
}
