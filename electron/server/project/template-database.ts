// project/template-database.ts — the database the project folder describes, built once and kept: a template named
// by the hash of the bootstrap migrations, the folder's migrations and its seeds. A reset clones it (a file copy)
// instead of replaying the folder; only a changed folder pays for building a new one.
import crypto from 'node:crypto'
import pg from 'pg'
import type { Pool } from 'pg'
import { applyMigrations, loadMigrations } from '../postgres/migrations.js'
import { readProjectFiles, type ProjectFiles } from './migration-files.js'
import { applyOne, applySeeds, MigrationFailedError } from './migration-runner.js'
import { dropDatabase, sealDatabase, spareName, terminateConnections } from './database-swap.js'
import { markSeeded } from './seed-state.js'
import type { ProjectLayout } from './project-layout.js'

const TEMPLATE_PREFIX = 'fluxbase_tpl_'

export function folderHash(files: ProjectFiles): string {
  const h = crypto.createHash('sha256')
  for (const m of loadMigrations()) h.update(`bootstrap ${m.version}\n${m.sql}\n`)
  for (const m of files.migrations) h.update(`migration ${m.name} ${m.checksum}\n`)
  for (const s of files.seeds) h.update(`seed ${s.file}\n${s.sql}\n`)
  return h.digest('hex').slice(0, 24)
}

export function templateName(hash: string): string {
  return TEMPLATE_PREFIX + hash
}

/** A pool on another database of the same cluster, with the admin pool's login. */
export function poolOn(admin: Pool, database: string): Pool {
  const o = admin.options
  const pool = new pg.Pool({ host: o.host, port: o.port, user: o.user, password: o.password as string, database, ssl: o.ssl, max: 2, application_name: 'fluxbase-project' })
  pool.on('error', () => undefined)
  return pool
}

/** Bootstrap + every folder migration + seeds into `database` (an empty clone of template0). Throws a located failure. */
export async function replayFolder(admin: Pool, database: string, layout: ProjectLayout, files = readProjectFiles(layout)): Promise<void> {
  const pool = poolOn(admin, database)
  try {
    await applyMigrations(pool)
    const problem = files.problems.find((p) => p.clash !== undefined)
    if (problem) throw new MigrationFailedError({ file: problem.file, message: problem.message })
    const client = await pool.connect()
    try {
      for (const m of files.migrations) await applyOne(client, m, 'reset')
    } finally {
      client.release()
    }
    await applySeeds(pool, files.seeds)
    await markSeeded(pool)
  } finally {
    await pool.end().catch(() => undefined)
  }
}

/**
 * The template for the folder as it is now: found by name, or built (in a spare database renamed into place only
 * once complete, so a kill -9 during a build never leaves a template that looks finished). Older templates go.
 */
export async function ensureTemplate(admin: Pool, maint: pg.Client, layout: ProjectLayout): Promise<{ name: string; built: boolean }> {
  const files = readProjectFiles(layout)
  const name = templateName(folderHash(files))
  const { rows } = await maint.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [TEMPLATE_PREFIX + '%'])
  const exists = rows.some((r) => r.datname === name)
  if (!exists) {
    const build = spareName('fluxbase_build_')
    await maint.query(`CREATE DATABASE "${build}" TEMPLATE template0`)
    try {
      await replayFolder(admin, build, layout, files)
      await sealDatabase(maint, build)
      await terminateConnections(maint, build)
      await maint.query(`ALTER DATABASE "${build}" RENAME TO "${name}"`)
    } catch (err) {
      await dropDatabase(maint, build).catch(() => undefined)
      throw err
    }
  }
  for (const r of rows) if (r.datname !== name) await dropDatabase(maint, r.datname).catch(() => undefined)
  return { name, built: !exists }
}
