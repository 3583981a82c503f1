// project/seed-state.ts — whether this database has had the folder's seeds: set when a new data directory (or a
// reset) loads them, so later starts apply only new migrations and never seed again.
import type { Pool } from 'pg'

export async function markSeeded(db: Pool): Promise<void> {
  await db.query('CREATE TABLE IF NOT EXISTS fluxbase_meta.settings (key text PRIMARY KEY, value text NOT NULL)')
  await db.query("INSERT INTO fluxbase_meta.settings (key, value) VALUES ('project_seeded', now()::text) ON CONFLICT (key) DO NOTHING")
}

export async function isSeeded(db: Pool): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM fluxbase_meta.settings WHERE key = 'project_seeded'")
  return rows.length > 0
}
