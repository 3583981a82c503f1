// project/policy-tests/resolve-identities.ts — a test file's identity names → the Identity the API would build for
// them: a user by email gets the claims of their access token (auth.users, as sign-in issues them); anon and
// service_role the claims of the project's anon and service keys; custom claims are taken as a token's payload.
import type { Pool } from 'pg'
import { identityFromClaims, type Identity } from '../../identity.js'
import { JWT_ISSUER } from '../../auth/jwt.js'
import { userClaims } from '../../auth/token-issuer.js'
import { USER_COLUMNS, type UserRow } from '../../auth/user-json.js'
import type { IdentitySpec } from './test-file-schema.js'

export type ResolvedIdentity = { ok: true; identity: Identity } | { ok: false; message: string }

/** Resolves with a memo per email, so a suite naming alice in every file looks her up once. */
export function identityResolver(admin: Pool): (spec: IdentitySpec) => Promise<ResolvedIdentity> {
  const byEmail = new Map<string, Promise<ResolvedIdentity>>()
  return async (spec) => {
    if (spec === 'anon' || spec === 'service_role') return { ok: true, identity: identityFromClaims({ role: spec, iss: JWT_ISSUER }) }
    if ('claims' in spec) return { ok: true, identity: identityFromClaims({ iss: JWT_ISSUER, ...spec.claims }) }
    const email = spec.email.trim().toLowerCase()
    let found = byEmail.get(email)
    if (!found) {
      found = admin.query<UserRow>(`SELECT ${USER_COLUMNS} FROM auth.users u WHERE lower(u.email) = $1`, [email]).then(({ rows }) =>
        rows.length
          ? { ok: true as const, identity: identityFromClaims(userClaims(rows[0])) }
          : { ok: false as const, message: `no user with email ${spec.email} in auth.users (create it in the seed, or sign it up)` },
      )
      byEmail.set(email, found)
    }
    return found
  }
}
