// project/migration-tracking.ts — the tracking table (migrations.app, bootstrap migration 0500) as the project
// room uses it: folder files live in namespace `filesystem`, each row with the checksum of the file it applied.
// Every write takes the caller's client, so it commits or rolls back with the migration it records.
import type { Pool, PoolClient } from 'pg'

export const FOLDER_NAMESPACE = 'filesystem'

export interface TrackedMigration {
  name: string
  status: 'pending' | 'applied' | 'failed' | 'rolled_back'
  checksum: string | null
  appliedAt: string | null
}

type Db = Pool | PoolClient

export async function listTracked(db: Db): Promise<TrackedMigration[]> {
  const { rows } = await db.query<{ name: string; status: TrackedMigration['status']; checksum: string | null; applied_at: Date | null }>(
    'SELECT name, status, checksum, applied_at FROM migrations.app WHERE namespace = $1 ORDER BY name',
    [FOLDER_NAMESPACE],
  )
  return rows.map((r) => ({ name: r.name, status: r.status, checksum: r.checksum, appliedAt: r.applied_at?.toISOString() ?? null }))
}

export interface RecordInput {
  name: string
  number: number
  upSql: string
  downSql?: string
  checksum: string
  by: string
}

/** Marks the migration applied (inserting or updating its row) and logs the execution. */
export async function recordApplied(db: Db, m: RecordInput, durationMs: number): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO migrations.app (namespace, name, up_sql, down_sql, version, status, checksum, created_by, applied_by, applied_at)
     VALUES ($1, $2, $3, $4, $5, 'applied', $6, $7, $7, now())
     ON CONFLICT (namespace, name) DO UPDATE SET up_sql = EXCLUDED.up_sql, down_sql = EXCLUDED.down_sql, status = 'applied',
       checksum = EXCLUDED.checksum, applied_by = EXCLUDED.applied_by, applied_at = now(), updated_at = now()
     RETURNING id`,
    [FOLDER_NAMESPACE, m.name, m.upSql, m.downSql ?? null, m.number, m.checksum, m.by],
  )
  await db.query(`INSERT INTO migrations.execution_logs (migration_id, action, status, duration_ms, executed_by) VALUES ($1, 'apply', 'success', $2, $3)`, [
    rows[0].id,
    Math.round(durationMs),
    m.by,
  ])
}

/** After the migration's own transaction rolled back: its row says failed, with the message in the execution log. */
export async function recordFailed(db: Db, m: RecordInput, message: string, durationMs: number): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO migrations.app (namespace, name, up_sql, down_sql, version, status, checksum, created_by)
     VALUES ($1, $2, $3, $4, $5, 'failed', $6, $7)
     ON CONFLICT (namespace, name) DO UPDATE SET up_sql = EXCLUDED.up_sql, down_sql = EXCLUDED.down_sql, checksum = EXCLUDED.checksum,
       status = CASE WHEN migrations.app.status = 'applied' THEN 'applied' ELSE 'failed' END, updated_at = now()
     RETURNING id`,
    [FOLDER_NAMESPACE, m.name, m.upSql, m.downSql ?? null, m.number, m.checksum, m.by],
  )
  await db.query(
    `INSERT INTO migrations.execution_logs (migration_id, action, status, duration_ms, error_message, executed_by) VALUES ($1, 'apply', 'failed', $2, $3, $4)`,
    [rows[0].id, Math.round(durationMs), message, m.by],
  )
}

/** "Accept" a drifted file: the edited text becomes what was applied, without running it. */
export async function acceptChecksum(db: Db, name: string, upSql: string, checksum: string): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE migrations.app SET up_sql = $3, checksum = $4, updated_at = now() WHERE namespace = $1 AND name = $2 AND status = 'applied'`, [
    FOLDER_NAMESPACE,
    name,
    upSql,
    checksum,
  ])
  return (rowCount ?? 0) > 0
}
