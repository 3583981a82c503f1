// project/admin-migrations/migration-rows.ts — the admin migrations API's rows (contract §6): migrations.app and
// migrations.execution_logs (bootstrap migration 0500) read and written as the API shows them. Superuser pool only;
// the project folder's own rows (namespace `filesystem`) are readable here but written only through files.
import crypto from 'node:crypto'
import type { Pool, PoolClient } from 'pg'

type Db = Pool | PoolClient

export type MigrationStatus = 'pending' | 'applied' | 'failed' | 'rolled_back'

export interface Migration {
  id: string
  namespace: string
  name: string
  description: string | null
  up_sql: string
  down_sql: string | null
  version: number | null
  status: MigrationStatus
  created_by: string | null
  applied_by: string | null
  created_at: string
  updated_at: string
  applied_at: string | null
  rolled_back_at: string | null
}

export interface ExecutionLog {
  id: string
  migration_id: string
  action: 'apply' | 'rollback'
  status: 'success' | 'failed'
  duration_ms: number
  error_message: string | null
  logs: string | null
  executed_at: string
  executed_by: string | null
}

const COLUMNS = `id, namespace, name, description, up_sql, down_sql, version, status, created_by, applied_by, created_at, updated_at, applied_at, rolled_back_at`

export async function listMigrations(db: Db, namespace: string, status?: MigrationStatus): Promise<Migration[]> {
  const { rows } = await db.query<Migration>(
    `SELECT ${COLUMNS} FROM migrations.app WHERE namespace = $1 AND ($2::text IS NULL OR status = $2) ORDER BY name`,
    [namespace, status ?? null],
  )
  return rows
}

export async function getMigration(db: Db, namespace: string, name: string, forUpdate = false): Promise<Migration | undefined> {
  const { rows } = await db.query<Migration>(`SELECT ${COLUMNS} FROM migrations.app WHERE namespace = $1 AND name = $2${forUpdate ? ' FOR UPDATE' : ''}`, [namespace, name])
  return rows[0]
}

export interface NewMigration {
  name: string
  description?: string
  up_sql: string
  down_sql?: string
}

/** undefined when the name is taken in the namespace. */
export async function insertMigration(db: Db, namespace: string, m: NewMigration, by: string): Promise<Migration | undefined> {
  const { rows } = await db.query<Migration>(
    `INSERT INTO migrations.app (namespace, name, description, up_sql, down_sql, checksum, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (namespace, name) DO NOTHING RETURNING ${COLUMNS}`,
    [namespace, m.name, m.description ?? null, m.up_sql, m.down_sql ?? null, migrationChecksum(m.up_sql, m.down_sql), by],
  )
  return rows[0]
}

export interface MigrationUpdate {
  description?: string
  up_sql?: string
  down_sql?: string
  status?: 'pending'
}

export async function updateMigration(db: Db, current: Migration, u: MigrationUpdate): Promise<Migration> {
  const up = u.up_sql ?? current.up_sql
  const down = u.down_sql ?? current.down_sql ?? undefined
  const { rows } = await db.query<Migration>(
    `UPDATE migrations.app SET description = $2, up_sql = $3, down_sql = $4, status = $5, checksum = $6, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [current.id, u.description ?? current.description, up, down ?? null, u.status ?? current.status, migrationChecksum(up, down)],
  )
  return rows[0]
}

export async function deleteMigration(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM migrations.app WHERE id = $1', [id])
}

export async function listExecutions(db: Db, migrationId: string): Promise<ExecutionLog[]> {
  const { rows } = await db.query<ExecutionLog>(
    `SELECT id, migration_id, action, status, duration_ms, error_message, logs, executed_at, executed_by
       FROM migrations.execution_logs WHERE migration_id = $1 ORDER BY executed_at DESC`,
    [migrationId],
  )
  return rows
}

/** What sync compares (contract §6: SHA-256 of up_sql + down_sql). */
export function migrationChecksum(up: string, down?: string | null): string {
  return crypto.createHash('sha256').update(up + (down ?? '')).digest('hex')
}
