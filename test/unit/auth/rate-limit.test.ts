// auth/rate-limit.ts: fixed window per key, off at 0.
import { describe, expect, it } from 'vitest'
import { clientIp, RateLimiter } from '../../../electron/server/auth/rate-limit.js'

describe('RateLimiter', () => {
  it('allows max hits per window, then refuses until the window ends', () => {
    let t = 0
    const limiter = new RateLimiter(() => ({ max: 3, windowSeconds: 60 }), () => t)
    expect([1, 2, 3, 4].map(() => limiter.hit('ip').allowed)).toEqual([true, true, true, false])
    expect(limiter.hit('other').allowed).toBe(true)
    t = 30_000
    expect(limiter.hit('ip')).toMatchObject({ allowed: false, retryAfterSeconds: 30 })
    t = 60_000
    expect(limiter.hit('ip').allowed).toBe(true)
  })

  it('is off at max 0 and follows live settings', () => {
    const limits = { max: 0, windowSeconds: 60 }
    const limiter = new RateLimiter(() => limits)
    for (let i = 0; i < 100; i++) expect(limiter.hit('ip').allowed).toBe(true)
    limits.max = 1
    expect(limiter.hit('ip').allowed).toBe(true)
    expect(limiter.hit('ip').allowed).toBe(false)
    limiter.reset()
    expect(limiter.hit('ip').allowed).toBe(true)
  })

  it('treats IPv4-mapped IPv6 as IPv4', () => {
    expect(clientIp('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(clientIp('::1')).toBe('::1')
    expect(clientIp(undefined)).toBe('unknown')
  })
})
