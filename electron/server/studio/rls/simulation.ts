// studio/rls/simulation.ts — the simulator's sandbox: one superuser connection, one transaction that is always
// rolled back. Inside it, phases switch between the superuser (to see every row) and an identity (role, claims and
// app.* settings exactly as the API sets them), and a what-if DDL (a policy being edited) applies to all of them.
import type { Pool, PoolClient } from 'pg'
import type { Identity } from '../../identity.js'
import { IDENTITY_SETUP_SQL, identitySetupValues } from '../../postgres/with-identity.js'
import type { PgErrorInfo } from '../../../../contract/rls-simulator.js'
export type { PgErrorInfo } from '../../../../contract/rls-simulator.js'

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: PgErrorInfo }

export interface Simulation {
  client: PoolClient
  asIdentity<T>(identity: Identity, fn: () => Promise<T>): Promise<T>
  /**
   * Runs fn in a savepoint: an error is returned (and undone) instead of aborting the whole simulation. With
   * `undo`, whatever fn changed is undone even when it succeeded (a trial UPDATE must not affect later phases).
   */
  attempt<T>(fn: () => Promise<T>, options?: { undo?: boolean }): Promise<Attempt<T>>
}

export function errorInfo(err: unknown): PgErrorInfo {
  const e = err as PgErrorInfo
  return { message: e.message, code: e.code, hint: e.hint, detail: e.detail }
}

export async function simulate<T>(admin: Pool, fn: (sim: Simulation) => Promise<T>, options: { whatIf?: string[] } = {}): Promise<T> {
  const client = await admin.connect()
  let savepoints = 0
  try {
    await client.query('BEGIN')
    for (const statement of options.whatIf ?? []) await client.query(statement)
    const sim: Simulation = {
      client,
      async asIdentity(identity, inner) {
        await client.query(IDENTITY_SETUP_SQL, identitySetupValues(identity, 'rls-simulator'))
        try {
          return await inner()
        } finally {
          // Back to the superuser for the next phase (all of it disappears with the rollback anyway).
          await client.query("SELECT set_config('role', 'none', true), set_config('request.jwt.claims', '', true), set_config('app.user_id', '', true), set_config('app.role', '', true)")
        }
      },
      async attempt(inner, opts) {
        const name = `sim_${++savepoints}`
        await client.query(`SAVEPOINT ${name}`)
        try {
          const value = await inner()
          await client.query(opts?.undo ? `ROLLBACK TO SAVEPOINT ${name}` : `RELEASE SAVEPOINT ${name}`)
          return { ok: true, value }
        } catch (err) {
          await client.query(`ROLLBACK TO SAVEPOINT ${name}`)
          return { ok: false, error: errorInfo(err) }
        }
      },
    }
    return await fn(sim)
  } finally {
    await client.query('ROLLBACK').catch(() => undefined)
    // Nothing a simulation did may reach the next borrower of this connection.
    client.release(true)
  }
}
