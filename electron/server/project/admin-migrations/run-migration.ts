// project/admin-migrations/run-migration.ts — apply and roll back one migration of the admin API (contract §6):
// its SQL in one transaction as the admin database user, the row locked so two applies never run it twice, the
// outcome written to migrations.execution_logs. A failure rolls everything back and then records `failed` with
// PostgreSQL's own words. Unlike upstream, a rolled-back migration can be applied again.
import type { Pool } from 'pg'
import { getMigration, type Migration } from './migration-rows.js'

export type RunOutcome =
  | { ok: true; migration: Migration; skipped?: 'already applied' }
  | { ok: false; migration: Migration; error: string; details: string; code?: string }

interface PgError {
  message?: string
  code?: string
  position?: string
  hint?: string
  detail?: string
}

function describe(err: unknown): { error: string; details: string; code?: string } {
  const e = err as PgError
  const details = [e.detail, e.hint && `hint: ${e.hint}`, e.position && `at character ${e.position}`].filter(Boolean).join('; ')
  return { error: e.message ?? String(err), details: details || (e.message ?? String(err)), code: e.code }
}

async function record(pool: Pool, migrationId: string, action: 'apply' | 'rollback', status: 'success' | 'failed', ms: number, by: string, error?: string): Promise<void> {
  await pool.query(
    'INSERT INTO migrations.execution_logs (migration_id, action, status, duration_ms, error_message, executed_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [migrationId, action, status, Math.round(ms), error ?? null, by],
  )
}

/** Runs `sql` for `migration` and sets the status that success means; on failure the status `failed` (apply only). */
async function run(pool: Pool, m: Migration, action: 'apply' | 'rollback', by: string): Promise<RunOutcome> {
  const client = await pool.connect()
  const started = performance.now()
  try {
    await client.query('BEGIN')
    const locked = await getMigration(client, m.namespace, m.name, true)
    if (!locked) throw new Error(`migration ${m.name} was deleted meanwhile`)
    if (action === 'apply' && locked.status === 'applied') {
      await client.query('ROLLBACK')
      return { ok: true, migration: locked, skipped: 'already applied' }
    }
    await client.query(action === 'apply' ? locked.up_sql : (locked.down_sql ?? ''))
    const set = action === 'apply' ? `status = 'applied', applied_by = $2, applied_at = now(), rolled_back_at = NULL` : `status = 'rolled_back', rolled_back_at = now()`
    await client.query(`UPDATE migrations.app SET ${set}, updated_at = now() WHERE id = $1`, action === 'apply' ? [locked.id, by] : [locked.id])
    await client.query(
      'INSERT INTO migrations.execution_logs (migration_id, action, status, duration_ms, executed_by) VALUES ($1, $2, $3, $4, $5)',
      [locked.id, action, 'success', Math.round(performance.now() - started), by],
    )
    await client.query('COMMIT')
    return { ok: true, migration: (await getMigration(pool, m.namespace, m.name))! }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    const d = describe(err)
    if (action === 'apply') await pool.query(`UPDATE migrations.app SET status = 'failed', updated_at = now() WHERE id = $1 AND status <> 'applied'`, [m.id])
    await record(pool, m.id, action, 'failed', performance.now() - started, by, d.error)
    return { ok: false, migration: (await getMigration(pool, m.namespace, m.name)) ?? m, ...d }
  } finally {
    client.release()
  }
}

export const applyMigration = (pool: Pool, m: Migration, by: string) => run(pool, m, 'apply', by)
export const rollbackMigration = (pool: Pool, m: Migration, by: string) => run(pool, m, 'rollback', by)
