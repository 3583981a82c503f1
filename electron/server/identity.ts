// identity.ts — who a request runs as. Built by auth/ from the Bearer token (or by the studio's impersonation),
// consumed by postgres/with-identity.ts, which turns it into SET LOCAL ROLE + request.jwt.claims + app.* settings.
export type DbRole = 'anon' | 'authenticated' | 'service_role'

export interface Identity {
  /** The PostgreSQL role the transaction switches to. */
  dbRole: DbRole
  /** The application role from the token (e.g. "authenticated", "admin", "service_role", "anon"). */
  appRole: string
  /** The user id (JWT `sub`), or null for anon / service keys. */
  userId: string | null
  /** The full verified JWT payload, always with `sub` and `role`. */
  claims: Record<string, unknown>
}

/** Maps an application role to the database role, as upstream does (contract §4). */
export function dbRoleFor(appRole: string | undefined): DbRole {
  if (appRole === 'service_role' || appRole === 'dashboard_admin') return 'service_role'
  if (!appRole || appRole === 'anon') return 'anon'
  return 'authenticated'
}

export function identityFromClaims(payload: Record<string, unknown>): Identity {
  const appRole = typeof payload.role === 'string' && payload.role ? payload.role : 'anon'
  const sub = typeof payload.sub === 'string' ? payload.sub : ''
  return {
    dbRole: dbRoleFor(appRole),
    appRole,
    userId: sub || null,
    claims: { ...payload, sub, role: appRole },
  }
}
