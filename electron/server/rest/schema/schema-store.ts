// rest/schema/schema-store.ts — the one live SchemaCache per runtime, shared by rest/ and rpc/: loaded at start,
// reloaded after DDL (schema-watcher.ts) and, as a safety net, on a cache miss when the cache is not brand new.
import type { ServerContext } from '../../context.js'
import { loadSchema } from './load-schema.js'
import type { SchemaCache } from './schema-types.js'
import { watchSchema, type SchemaWatcher } from './schema-watcher.js'
import { oncePerContext } from '../../once-per-context.js'
import { planReuseFor } from '../../postgres/plan-reuse.js'

export interface SchemaStore {
  current(): SchemaCache
  reload(): Promise<SchemaCache>
  /** Reloads when the cache is older than `maxAgeMs`; used before answering "not found". */
  refreshIfOlderThan(maxAgeMs: number): Promise<SchemaCache>
  /**
   * Before answering "not found": a reload that started after this moment. Concurrent misses share one reload, and
   * misses are rate-limited to one reload per `minIntervalMs`, so unknown names cannot make the catalogs busy.
   */
  refreshForMiss(minIntervalMs?: number): Promise<SchemaCache>
  /** Called with each new cache (e.g. to drop plan caches). */
  onReload(listener: (cache: SchemaCache) => void): void
}

export const schemaStoreFor = oncePerContext(createSchemaStore)

async function createSchemaStore(ctx: ServerContext): Promise<SchemaStore> {
  let cache = await loadSchema(ctx.pools.admin)
  let inflight: Promise<SchemaCache> | undefined
  let again = false
  // Other tables or indexes can mean other plans: which statements may skip re-planning is decided afresh.
  const listeners: Array<(cache: SchemaCache) => void> = [() => planReuseFor(ctx.pools.api).forget()]

  const reload = (): Promise<SchemaCache> => {
    if (inflight) {
      // A DDL that lands during a load must not be missed: load once more afterwards.
      again = true
      return inflight
    }
    inflight = (async () => {
      try {
        do {
          again = false
          cache = await loadSchema(ctx.pools.admin)
          for (const l of listeners) l(cache)
        } while (again)
        return cache
      } finally {
        inflight = undefined
      }
    })()
    return inflight
  }

  const watcher: SchemaWatcher = watchSchema({
    connectionString: ctx.databaseUrl,
    onChange: () => {
      reload().catch((err: Error) => {
        ctx.logs.log({ category: 'system', level: 'warn', component: 'rest', message: `schema cache reload failed: ${err.message}` })
      })
    },
    onError: (err) => ctx.logs.log({ category: 'system', level: 'debug', component: 'rest', message: `schema watcher: ${err.message}` }),
  })
  ctx.onStop(() => watcher.stop())

  return {
    current: () => cache,
    reload,
    async refreshIfOlderThan(maxAgeMs) {
      if (Date.now() - cache.loadedAt < maxAgeMs) return inflight ?? cache
      return reload()
    },
    async refreshForMiss(minIntervalMs = 100) {
      const asked = Date.now()
      if (inflight) await inflight.catch(() => undefined)
      if (cache.loadedAt >= asked) return cache
      const wait = cache.loadedAt + minIntervalMs - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      if (cache.loadedAt >= asked) return cache
      return reload()
    },
    onReload(listener) {
      listeners.push(listener)
    },
  }
}
