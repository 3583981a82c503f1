// auth/auth-settings.ts — the auth settings in force. Starts from the runtime's configuration; the studio may change
// them while the runtime runs (PATCH /studio/api/auth/settings), e.g. to switch lock-out off. Not persisted.
import { z } from 'zod'
import type { AuthOptions } from './auth-options.js'

export interface AuthSettings extends AuthOptions {
  minPasswordLength: number
}

export function initialAuthSettings(auth: AuthOptions, minPasswordLength: number): AuthSettings {
  return { ...auth, minPasswordLength }
}

const count = z.number().int().min(0).max(1_000_000)
const seconds = z.number().int().min(1).max(10 * 365 * 86_400)

export const authSettingsPatch = z
  .object({
    accessTokenTtlSeconds: seconds,
    refreshTokenTtlSeconds: seconds,
    refreshReuseGraceSeconds: z.number().min(0).max(3600),
    lockoutMaxAttempts: count,
    lockoutMinutes: z.number().min(0).max(525_600),
    rateLimitPerWindow: count,
    rateLimitWindowSeconds: seconds,
    signupEnabled: z.boolean(),
    anonymousSignInsEnabled: z.boolean(),
    magicLinkEnabled: z.boolean(),
    requireEmailConfirmation: z.boolean(),
    siteUrl: z.union([z.url({ protocol: /^https?$/ }), z.null()]),
    minPasswordLength: z.number().int().min(1).max(1024),
  })
  .partial()
  .strict()

export function applySettingsPatch(settings: AuthSettings, patch: z.infer<typeof authSettingsPatch>): AuthSettings {
  const { siteUrl, ...rest } = patch
  Object.assign(settings, rest)
  if (siteUrl !== undefined) settings.siteUrl = siteUrl ?? undefined
  return settings
}

/** What GET /api/v1/auth/config tells any client (upstream's keys, snake_case). */
export function publicAuthConfig(settings: AuthSettings) {
  return {
    signup_enabled: settings.signupEnabled,
    require_email_verification: settings.requireEmailConfirmation,
    magic_link_enabled: settings.magicLinkEnabled,
    password_login_enabled: true,
    anonymous_sign_in_enabled: settings.anonymousSignInsEnabled,
    mfa_available: false,
    password_min_length: settings.minPasswordLength,
    password_require_uppercase: false,
    password_require_lowercase: false,
    password_require_number: false,
    password_require_special: false,
    access_token_expires_in: settings.accessTokenTtlSeconds,
    refresh_token_expires_in: settings.refreshTokenTtlSeconds,
    oauth_providers: [],
    saml_providers: [],
    captcha: { enabled: false },
  }
}
