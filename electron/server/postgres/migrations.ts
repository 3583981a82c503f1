// postgres/migrations.ts — bootstrap migrations: resources/migrations/NNNN_name.sql, applied once each, in name
// order, under an advisory lock (two runtimes on one --database-url cannot race). All pending migrations run in one
// transaction: a bootstrap that fails half-way (a privilege the role lacks) leaves no half-made schema behind.
import fs from 'node:fs'
import path from 'node:path'
import type { Pool } from 'pg'
import { resourcesDir } from '../resources.js'

export interface Migration {
  version: string
  sql: string
}

export function loadMigrations(dir = path.join(resourcesDir(), 'migrations')): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }))
}

const LOCK_KEY = 0x466c7578 // "Flux"

/**
 * `settings`: session settings the migrations read with current_setting() (e.g. fluxbase.realtime_publication,
 * which 0300 reads to choose the publication's form on an external server).
 */
export async function applyMigrations(admin: Pool, migrations = loadMigrations(), settings: Record<string, string> = {}): Promise<string[]> {
  const client = await admin.connect()
  const applied: string[] = []
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])
    for (const [name, value] of Object.entries(settings)) await client.query('SELECT set_config($1, $2, false)', [name, value])
    await client.query('BEGIN')
    let current = 'fluxbase_meta'
    try {
      await client.query('CREATE SCHEMA IF NOT EXISTS fluxbase_meta')
      await client.query('CREATE TABLE IF NOT EXISTS fluxbase_meta.migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
      const done = new Set((await client.query<{ version: string }>('SELECT version FROM fluxbase_meta.migrations')).rows.map((r) => r.version))
      for (const m of migrations) {
        if (done.has(m.version)) continue
        current = m.version
        await client.query(m.sql)
        await client.query('INSERT INTO fluxbase_meta.migrations (version) VALUES ($1)', [m.version])
        applied.push(m.version)
      }
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw new Error(`migration ${current} failed (nothing was changed): ${(err as Error).message}`)
    }
  } finally {
    for (const name of Object.keys(settings)) await client.query("SELECT set_config($1, '', false)", [name]).catch(() => undefined)
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined)
    client.release()
  }
  return applied
}
