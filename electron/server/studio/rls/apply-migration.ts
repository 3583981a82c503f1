// studio/rls/apply-migration.ts — "Apply" in the policy editor and the advisor: run the statement for real (one
// transaction), then append it to a timestamped migration in the project folder, so the change lives in the
// developer's repository and not only in the local database.
import fs from 'node:fs'
import path from 'node:path'
import type { Pool } from 'pg'
import { ApiError } from '../../errors.js'

export interface AppliedMigration {
  file: string
  sql: string
}

export function migrationFileName(now: Date, name: string): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60) || 'studio_change'
  return `${stamp}_${slug}.sql`
}

export async function applyAndRecord(admin: Pool, projectDir: string, sql: string, name: string): Promise<AppliedMigration> {
  const client = await admin.connect()
  try {
    await client.query('BEGIN')
    await client.query(sql)
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    const e = err as { message: string; code?: string; detail?: string; hint?: string }
    throw new ApiError(400, e.code ?? 'SQL_ERROR', e.message, e.detail, e.hint)
  } finally {
    client.release(true)
  }
  const dir = path.join(projectDir, 'migrations')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, migrationFileName(new Date(), name))
  const text = `-- ${name}\n-- Applied from Fluxbase Studio on ${new Date().toISOString()}\n${sql.trim().replace(/;?$/, ';')}\n`
  fs.appendFileSync(file, text)
  return { file, sql }
}
