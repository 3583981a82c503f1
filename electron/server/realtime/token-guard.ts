// realtime/token-guard.ts — a realtime stream (WebSocket or SSE) lives no longer than its token: closed at the
// token's `exp` unless the client sent a fresher one (the `access_token` message re-arms the timer), and as soon as
// a revocation (sign-out, session revoked, user deleted; auth/revocation-state.ts, fed by the revocation listener)
// makes the token fail ctx.tokenChecks, the same checks every REST request passes.
import type { ServerContext } from '../context.js'
import type { Sink } from './subscriptions.js'

export interface GuardedStream {
  sink: Sink
  /** Ends the stream, telling the client why. Called once. */
  expire(reason: string): void
}

interface Entry extends GuardedStream {
  timer?: NodeJS.Timeout
}

// setTimeout's longest delay: a later exp (anon keys live for years) re-arms when this one fires.
const MAX_DELAY = 2 ** 31 - 1

export function createTokenGuard(ctx: ServerContext) {
  const entries = new Map<Sink, Entry>()

  function end(entry: Entry, reason: string): void {
    if (entries.get(entry.sink) !== entry) return
    clearTimeout(entry.timer)
    entries.delete(entry.sink)
    entry.expire(reason)
  }

  function arm(entry: Entry): void {
    clearTimeout(entry.timer)
    entry.timer = undefined
    const exp = entry.sink.identity.claims.exp
    if (typeof exp !== 'number') return
    // Never synchronously: the stream is still being set up when it is added.
    const ms = Math.max(0, exp * 1000 - Date.now())
    entry.timer = setTimeout(() => (ms > MAX_DELAY ? arm(entry) : end(entry, 'token expired')), Math.min(ms, MAX_DELAY))
    entry.timer.unref?.()
  }

  async function stillValid(entry: Entry): Promise<string | undefined> {
    for (const check of ctx.tokenChecks) {
      const reason = await Promise.resolve(check(entry.sink.identity.claims)).catch(() => undefined)
      if (reason) return reason
    }
    return undefined
  }

  return {
    /** Watches `stream` from now on; returns the function that stops watching (call it when the stream ends). */
    add(stream: GuardedStream): () => void {
      const entry: Entry = { ...stream }
      entries.set(stream.sink, entry)
      arm(entry)
      return () => {
        clearTimeout(entry.timer)
        if (entries.get(stream.sink) === entry) entries.delete(stream.sink)
      }
    },
    /** The sink's identity changed (a fresher token): its deadline moves with it. */
    refreshed(sink: Sink): void {
      const entry = entries.get(sink)
      if (entry) arm(entry)
    },
    /** After a revocation: every stream's token is checked again, and those that now fail are closed. */
    async recheck(): Promise<void> {
      for (const entry of [...entries.values()]) {
        const reason = await stillValid(entry)
        if (reason) end(entry, reason)
      }
    },
    get size(): number {
      return entries.size
    },
  }
}

export type TokenGuard = ReturnType<typeof createTokenGuard>
