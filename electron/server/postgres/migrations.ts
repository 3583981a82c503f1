// postgres/migrations.ts — bootstrap migrations: resources/migrations/NNNN_name.sql, applied once each, in name
// order, each in its own transaction, under an advisory lock (two runtimes on one --database-url cannot race).
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

export async function applyMigrations(admin: Pool, migrations = loadMigrations()): Promise<string[]> {
  const client = await admin.connect()
  const applied: string[] = []
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])
    await client.query('CREATE SCHEMA IF NOT EXISTS fluxbase_meta')
    await client.query('CREATE TABLE IF NOT EXISTS fluxbase_meta.migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    const done = new Set((await client.query<{ version: string }>('SELECT version FROM fluxbase_meta.migrations')).rows.map((r) => r.version))
    for (const m of migrations) {
      if (done.has(m.version)) continue
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query('INSERT INTO fluxbase_meta.migrations (version) VALUES ($1)', [m.version])
        await client.query('COMMIT')
        applied.push(m.version)
      } catch (err) {
        await client.query('ROLLBACK')
        throw new Error(`migration ${m.version} failed: ${(err as Error).message}`)
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined)
    client.release()
  }
  return applied
}
