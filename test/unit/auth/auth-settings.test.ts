// auth/auth-options.ts + auth-settings.ts: defaults as upstream, patches validated, public config shape.
import { describe, expect, it } from 'vitest'
import { AUTH_DEFAULTS, resolveAuthOptions } from '../../../electron/server/auth/auth-options.js'
import { applySettingsPatch, authSettingsPatch, initialAuthSettings, publicAuthConfig } from '../../../electron/server/auth/auth-settings.js'
import { resolveConfig } from '../../../electron/server/config.js'

describe('auth options', () => {
  it('defaults: 15-minute access, 168-hour refresh, lock-out after 5, a rate limit, sign-ups on', () => {
    expect(AUTH_DEFAULTS).toMatchObject({ accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 604800, lockoutMaxAttempts: 5, signupEnabled: true, requireEmailConfirmation: false })
    expect(AUTH_DEFAULTS.rateLimitPerWindow).toBeGreaterThan(0)
    expect(resolveConfig({}).auth).toEqual(AUTH_DEFAULTS)
  })

  it('explicit undefined keeps the default', () => {
    expect(resolveAuthOptions({ lockoutMaxAttempts: undefined, rateLimitPerWindow: 0 })).toMatchObject({ lockoutMaxAttempts: 5, rateLimitPerWindow: 0 })
  })

  it('validates and applies studio patches', () => {
    const settings = initialAuthSettings(AUTH_DEFAULTS, 12)
    expect(authSettingsPatch.safeParse({ lockoutMaxAttempts: -1 }).success).toBe(false)
    expect(authSettingsPatch.safeParse({ unknown: 1 }).success).toBe(false)
    expect(authSettingsPatch.safeParse({ siteUrl: 'ftp://x' }).success).toBe(false)
    applySettingsPatch(settings, authSettingsPatch.parse({ lockoutMaxAttempts: 0, siteUrl: 'http://localhost:3000/auth', minPasswordLength: 6 }))
    expect(settings).toMatchObject({ lockoutMaxAttempts: 0, siteUrl: 'http://localhost:3000/auth', minPasswordLength: 6 })
    applySettingsPatch(settings, authSettingsPatch.parse({ siteUrl: null }))
    expect(settings.siteUrl).toBeUndefined()
  })

  it('publishes what the SDK needs and no secrets', () => {
    const pub = publicAuthConfig(initialAuthSettings(AUTH_DEFAULTS, 12))
    expect(pub).toMatchObject({ signup_enabled: true, password_min_length: 12, magic_link_enabled: true })
    expect(JSON.stringify(pub)).not.toMatch(/secret|key/i)
  })
})
