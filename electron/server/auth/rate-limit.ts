// auth/rate-limit.ts — fixed-window request counter per client IP for the endpoints that guess passwords or send
// mail (sign-in, sign-up, anonymous sign-in, magic link, recovery). In memory: one runtime, one machine.
// The studio never passes through here (its routes live under /studio/api), so it cannot lock itself out.

export interface RateLimitDecision {
  allowed: boolean
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number
  remaining: number
}

interface Window {
  start: number
  count: number
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>()

  constructor(
    private readonly limits: () => { max: number; windowSeconds: number },
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): RateLimitDecision {
    const { max, windowSeconds } = this.limits()
    if (max <= 0) return { allowed: true, retryAfterSeconds: 0, remaining: Infinity }
    const now = this.now()
    const windowMs = windowSeconds * 1000
    if (this.windows.size > 10_000) this.sweep(now, windowMs)
    let w = this.windows.get(key)
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 }
      this.windows.set(key, w)
    }
    w.count++
    const retryAfterSeconds = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000))
    return { allowed: w.count <= max, retryAfterSeconds, remaining: Math.max(0, max - w.count) }
  }

  reset(key?: string): void {
    if (key === undefined) this.windows.clear()
    else this.windows.delete(key)
  }

  private sweep(now: number, windowMs: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(k)
  }
}

/** IPv4-mapped IPv6 (::ffff:127.0.0.1) and plain IPv4 are one client. */
export function clientIp(ip: string | undefined): string {
  if (!ip) return 'unknown'
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip
}
