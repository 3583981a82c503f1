// auth/auth-cli-args.ts through cli-args.ts: the serve flags for lock-out, rate limit and confirmation.
import { describe, expect, it } from 'vitest'
import { parseCliArgs, USAGE } from '../../../electron/server/cli-args.js'

describe('auth CLI flags', () => {
  it('turn lock-out and the rate limit off, and confirmation on', () => {
    expect(parseCliArgs(['--auth-lockout-attempts', '0', '--auth-rate-limit', '0', '--require-email-confirmation']).auth).toEqual({
      lockoutMaxAttempts: 0,
      rateLimitPerWindow: 0,
      rateLimitWindowSeconds: 60,
      requireEmailConfirmation: true,
    })
    expect(parseCliArgs(['--auth-lockout-attempts', '10']).auth).toEqual({ lockoutMaxAttempts: 10 })
  })

  it('leave auth alone when absent, and refuse bad numbers in one line', () => {
    expect(parseCliArgs([]).auth).toBeUndefined()
    expect(() => parseCliArgs(['--auth-rate-limit=-1'])).toThrow('--auth-rate-limit must be a whole number')
    expect(() => parseCliArgs(['--auth-lockout-attempts', 'many'])).toThrow('--auth-lockout-attempts must be a whole number')
  })

  it('are documented in --help', () => {
    expect(USAGE).toContain('--auth-lockout-attempts')
    expect(USAGE).toContain('--require-email-confirmation')
  })
})
