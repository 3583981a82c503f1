// postgres/with-identity.ts — the one place a request's identity becomes database state. Every API path (REST, RPC,
// storage, realtime checks, the studio's impersonation) runs its statements through here, so RLS sees the same thing.
import type { Pool, PoolClient } from 'pg'
import type { Identity } from '../identity.js'

/** One round trip: role, claims and the guide's app.* settings, all transaction-local. */
export const IDENTITY_SETUP_SQL =
  "SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true), " +
  "set_config('app.user_id', $3, true), set_config('app.role', $4, true), set_config('application_name', $5, true)"

export function identitySetupValues(identity: Identity, requestId = ''): string[] {
  return [
    identity.dbRole,
    JSON.stringify(identity.claims),
    identity.userId ?? '',
    identity.appRole,
    // Carried into PostgreSQL's own log lines (log_line_prefix %a) so they join the request.
    requestId ? `fluxbase:${requestId}` : 'fluxbase',
  ]
}

export interface WithIdentityOptions {
  requestId?: string
  /** Roll back instead of committing (dry runs, what-if). */
  rollback?: boolean
}

/**
 * Runs `fn` in one transaction as `identity`. The pool's login role is not a superuser and owns no user tables,
 * so RLS applies to every statement `fn` runs.
 */
export async function withIdentity<T>(
  pool: Pool,
  identity: Identity,
  fn: (client: PoolClient) => Promise<T>,
  options: WithIdentityOptions = {},
): Promise<T> {
  const client = await pool.connect()
  let release: boolean | Error = true
  try {
    await client.query('BEGIN')
    await client.query({ name: 'fluxbase_identity_setup', text: IDENTITY_SETUP_SQL, values: identitySetupValues(identity, options.requestId) })
    const result = await fn(client)
    await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT')
    return result
  } catch (err) {
    try {
      await client.query('ROLLBACK')
    } catch (rollbackErr) {
      // The connection is unusable (e.g. PostgreSQL restarted): drop it from the pool.
      release = rollbackErr as Error
    }
    throw err
  } finally {
    client.release(release === true ? undefined : release)
  }
}
