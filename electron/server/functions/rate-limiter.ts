// functions/rate-limiter.ts — `@fluxbase:rate-limit N/min|hour|day`: a fixed window per function and caller (the
// user id, else the IP), in memory (contract §1.1 step 6). Old windows are swept as they are passed.

const WINDOW_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  /** Counts one call; returns when the window resets if the limit is exceeded, else undefined. */
  hit(key: string, limit: number, window: keyof typeof WINDOW_MS, now = Date.now()): { resetAt: number } | undefined {
    const span = WINDOW_MS[window]
    const start = now - (now % span)
    let w = this.windows.get(key)
    if (!w || w.start !== start) {
      if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (v.start < start) this.windows.delete(k)
      w = { start, count: 0 }
      this.windows.set(key, w)
    }
    w.count++
    return w.count > limit ? { resetAt: start + span } : undefined
  }
}
