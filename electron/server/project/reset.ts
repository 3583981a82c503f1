// project/reset.ts — `reset`: the database rebuilt from the folder's migrations and seeds, keeping the data
// directory's keys and settings. A clone of the folder's template database (template-database.ts) swapped in for
// the live one (live-swap.ts); storage files go with the database, as its rows pointing at them do.
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { ensureTemplate } from './template-database.js'
import { exclusive, replaceLiveDatabase } from './live-swap.js'
import { MigrationFailedError } from './migration-runner.js'
import { replaceStorageFiles } from './storage-files.js'

export interface ResetResult {
  template: string
  /** False when the folder was unchanged since the last reset: the template was reused. */
  built: boolean
  ms: number
}

export async function resetDatabase(ctx: ServerContext): Promise<ResetResult> {
  return exclusive(ctx, 'reset', async (maint) => {
    const t0 = performance.now()
    let template
    try {
      template = await ensureTemplate(ctx.pools.admin, maint, ctx.config.project)
    } catch (err) {
      if (err instanceof MigrationFailedError) {
        // The folder cannot be built: the live database is left exactly as it was.
        throw new ApiError(422, 'MIGRATION_FAILED', `reset stopped, nothing changed: ${err.message}`, err.failure.detail, err.failure.hint)
      }
      throw err
    }
    await replaceLiveDatabase(ctx, maint, template.name)
    replaceStorageFiles(ctx.config.dataDir, undefined)
    ctx.logs.log({ category: 'system', level: 'info', component: 'project', message: `database reset from ${ctx.config.project.root} (${template.built ? 'folder replayed' : 'template reused'})` })
    return { template: template.name, built: template.built, ms: Math.round(performance.now() - t0) }
  })
}
