// project/admin-migrations/sync-migrations.ts — `POST /admin/migrations/sync` (contract §6): a list of migrations
// compared by checksum with what the namespace holds; new ones created, changed pending/failed ones updated,
// pending ones applied in order when asked, stopping at the first failure. Applied or rolled-back migrations whose
// text changed are never touched (a warning says so). dry_run reports the same decisions and changes nothing.
import type { Pool } from 'pg'
import { getMigration, insertMigration, migrationChecksum, updateMigration, type Migration, type NewMigration } from './migration-rows.js'
import { applyMigration } from './run-migration.js'

export interface SyncOptions {
  update_if_changed: boolean
  auto_apply: boolean
  dry_run: boolean
}

const KEYS = ['created', 'updated', 'unchanged', 'skipped', 'applied', 'errors'] as const
type Key = (typeof KEYS)[number]

export interface SyncResult {
  message: string
  namespace: string
  summary: Record<Key, number>
  details: Record<Key, string[]>
  dry_run: boolean
  warnings?: string[]
}

export async function syncMigrations(pool: Pool, namespace: string, list: NewMigration[], options: SyncOptions, by: string): Promise<SyncResult> {
  const details = Object.fromEntries(KEYS.map((k) => [k, [] as string[]])) as Record<Key, string[]>
  const warnings: string[] = []
  let stopped = false

  const apply = async (m: Migration | undefined, name: string) => {
    if (!options.auto_apply) return
    if (stopped) {
      details.skipped.push(name)
      return
    }
    if (options.dry_run || !m) {
      details.applied.push(name)
      return
    }
    const outcome = await applyMigration(pool, m, by)
    if (outcome.ok) details.applied.push(name)
    else {
      details.errors.push(`${name}: ${outcome.error}`)
      stopped = true
    }
  }

  for (const item of list) {
    const existing = await getMigration(pool, namespace, item.name)
    if (!existing) {
      details.created.push(item.name)
      await apply(options.dry_run ? undefined : await insertMigration(pool, namespace, item, by), item.name)
      continue
    }
    const same = migrationChecksum(existing.up_sql, existing.down_sql) === migrationChecksum(item.up_sql, item.down_sql)
    const open = existing.status === 'pending' || existing.status === 'failed'
    if (same) {
      if (open && options.auto_apply) await apply(existing, item.name)
      else details.unchanged.push(item.name)
      continue
    }
    if (!open) {
      details.skipped.push(item.name)
      warnings.push(`${item.name} is ${existing.status.replace('_', ' ')} and its SQL changed: not updated (write a new migration for the change)`)
      continue
    }
    if (!options.update_if_changed) {
      details.skipped.push(item.name)
      warnings.push(`${item.name} changed but update_if_changed is false: left as it was`)
      continue
    }
    details.updated.push(item.name)
    const updated = options.dry_run ? undefined : await updateMigration(pool, existing, { description: item.description, up_sql: item.up_sql, down_sql: item.down_sql, status: 'pending' })
    await apply(updated, item.name)
  }

  const summary = Object.fromEntries(KEYS.map((k) => [k, details[k].length])) as Record<Key, number>
  const verb = options.dry_run ? 'would be ' : ''
  const message = details.errors.length
    ? `sync stopped at a failing migration: ${details.errors[0]}`
    : `${summary.created} ${verb}created, ${summary.updated} ${verb}updated, ${summary.applied} ${verb}applied, ${summary.unchanged} unchanged, ${summary.skipped} skipped`
  return { message, namespace, summary, details, dry_run: options.dry_run, ...(warnings.length ? { warnings } : {}) }
}
