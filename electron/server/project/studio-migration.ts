// project/studio-migration.ts — a change made in the studio becomes the folder's next numbered migration, recorded
// as applied: the statements run and the tracking row is written in one transaction, and the file appears only
// once that committed (so the watcher finds it already applied, and a failed change leaves no file behind).
import fs from 'node:fs'
import path from 'node:path'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { checksum, nextMigrationFileName } from './migration-files.js'
import { recordApplied } from './migration-tracking.js'

export interface StudioMigration {
  name: string
  file: string
  downFile?: string
}

const chains = new WeakMap<ServerContext, Promise<unknown>>()

function fileText(title: string, statements: string[]): string {
  return `-- ${title}\n-- Made in Fluxbase Studio on ${new Date().toISOString()}\n${statements.map((s) => s.trim().replace(/;\s*$/, '') + ';').join('\n\n')}\n`
}

async function write(ctx: ServerContext, title: string, up: string[], down: string[] | undefined): Promise<StudioMigration> {
  const layout = ctx.config.project
  fs.mkdirSync(layout.migrationsDir, { recursive: true })
  const { name, file } = nextMigrationFileName(layout, title)
  const upSql = fileText(title, up)
  const downSql = down?.length ? fileText(`undo: ${title}`, down) : undefined
  const downFile = downSql ? file.replace(/\.up\.sql$/, '.down.sql') : undefined
  const tmp = path.join(layout.migrationsDir, `.${name}.${process.pid}.tmp`)
  const client = await ctx.pools.admin.connect()
  try {
    await client.query('BEGIN')
    try {
      for (const s of up) await client.query(s)
    } catch (err) {
      const e = err as { message: string; code?: string; detail?: string; hint?: string }
      throw new ApiError(400, e.code ?? 'SQL_ERROR', e.message, e.detail, e.hint)
    }
    await recordApplied(client, { name, number: Number(name.split('_')[0]), upSql, downSql, checksum: checksum(upSql), by: 'studio' }, 0)
    // The down file first: once the up file exists the migration is complete in the folder.
    if (downFile) fs.writeFileSync(downFile, downSql!, { flag: 'wx' })
    fs.writeFileSync(tmp, upSql, { flag: 'wx' })
    await client.query('COMMIT')
    fs.renameSync(tmp, file)
    return { name, file, downFile }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    fs.rmSync(tmp, { force: true })
    if (downFile) fs.rmSync(downFile, { force: true })
    throw err
  } finally {
    client.release()
  }
}

/** Runs `up` in one transaction and records it as the folder's next migration (with `down` when its inverse is known). */
export function applyAsMigration(ctx: ServerContext, title: string, up: string[], down?: string[]): Promise<StudioMigration> {
  // One at a time: two changes at once must not take the same number.
  const previous = chains.get(ctx) ?? Promise.resolve()
  const next = previous.then(() => write(ctx, title, up, down))
  chains.set(ctx, next.catch(() => undefined))
  return next
}
