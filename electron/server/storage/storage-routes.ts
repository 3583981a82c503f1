// storage/storage-routes.ts — registers storage (contract §8) on the HTTP app, in a scope where bodies stay streams
// (storage-scope.ts). Also owns the store's housekeeping: the start-up sweep and a periodic garbage run.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { diskLayout, ensureDirs } from './disk-layout.js'
import { collectGarbage, sweepOrphans } from './garbage.js'
import { registerBucketRoutes } from './bucket-routes.js'
import { registerObjectRoutes } from './object-routes.js'
import { chunkedHandler } from './chunked-routes.js'
import { sweepExpiredUploads } from './chunked-uploads.js'
import { sharesHandler } from './object-shares.js'
import { registerStorageScope } from './storage-scope.js'
import { DEFAULT_MAX_UPLOAD_BYTES, type StorageDeps } from './storage-deps.js'

const GARBAGE_INTERVAL_MS = 60_000

export function storageDeps(ctx: ServerContext): StorageDeps {
  return { pools: ctx.pools, layout: diskLayout(ctx.config.dataDir), logs: ctx.logs, secret: ctx.keys.secret, maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES }
}

function startHousekeeping(ctx: ServerContext, deps: StorageDeps): void {
  const log = (level: 'info' | 'warn', message: string) => ctx.logs.log({ category: 'system', level, component: 'storage', message })
  // In the background: a large store must not delay start-up, and files newer than this instant are left alone.
  const startedAt = new Date()
  const sweep = (async () => {
    const freed = await collectGarbage(deps.pools.api, deps.layout)
    const swept = await sweepOrphans(deps.pools.admin, deps.layout, startedAt)
    await sweepExpiredUploads(deps)
    if (freed || swept.orphans || swept.tempFiles) {
      log('info', `storage: removed ${freed} released, ${swept.orphans} orphaned and ${swept.tempFiles} temporary files`)
    }
  })().catch((err) => log('warn', `storage: start-up sweep failed: ${(err as Error).message}`))
  // Deletes made from the SQL console queue garbage too; nobody else would collect it until the next API write.
  const timer = setInterval(() => {
    collectGarbage(deps.pools.api, deps.layout).catch(() => undefined)
    sweepExpiredUploads(deps).catch(() => undefined)
  }, GARBAGE_INTERVAL_MS)
  timer.unref()
  ctx.onStop(async () => {
    clearInterval(timer)
    await sweep
  })
}

export async function registerStorageRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const deps = storageDeps(ctx)
  ensureDirs(deps.layout)
  startHousekeeping(ctx, deps)
  await registerStorageScope(app, (scope) => {
    registerBucketRoutes(scope, ctx, deps)
    registerObjectRoutes(scope, ctx, deps, { chunked: chunkedHandler(deps), shares: sharesHandler(deps) })
  })
}
