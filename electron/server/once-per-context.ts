// once-per-context.ts — an area's start-up, run once per runtime (ServerContext) and shared: the runtime starts
// every area at once (http/route-modules.ts AREA_STARTS) and each area's routes await the same promise.
import type { ServerContext } from './context.js'

export function oncePerContext<T>(start: (ctx: ServerContext) => Promise<T>): (ctx: ServerContext) => Promise<T> {
  const started = new WeakMap<ServerContext, Promise<T>>()
  return (ctx) => {
    let result = started.get(ctx)
    if (!result) {
      result = start(ctx)
      started.set(ctx, result)
    }
    return result
  }
}
