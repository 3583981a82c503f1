// auth/auth-options.ts — the auth knobs a host may pass (StudioRuntimeOptions.auth) and their defaults, resolved
// once by config.ts. Defaults follow upstream where it has one; the off switches exist for local convenience.
export interface AuthOptions {
  /** Access-token lifetime (upstream: 15 minutes). */
  accessTokenTtlSeconds: number
  /** Refresh-token lifetime, renewed at each rotation (upstream: 168 h). */
  refreshTokenTtlSeconds: number
  /**
   * A refresh token rotated less than this long ago is refused without revoking its session: that is two tabs
   * refreshing at once, not theft. Later reuse revokes the session.
   */
  refreshReuseGraceSeconds: number
  /** Failed sign-ins before the account locks (upstream: 5). 0 turns lock-out off. */
  lockoutMaxAttempts: number
  lockoutMinutes: number
  /** Sign-in/sign-up/mail requests per IP per window. 0 turns the limit off. */
  rateLimitPerWindow: number
  rateLimitWindowSeconds: number
  signupEnabled: boolean
  anonymousSignInsEnabled: boolean
  magicLinkEnabled: boolean
  /** Sign-up returns no tokens until the address is confirmed through the local mail inbox. */
  requireEmailConfirmation: boolean
  /** Where links in mails point (the app's page); default: the API's own /api/v1/auth/verify. */
  siteUrl?: string
}

export const AUTH_DEFAULTS: AuthOptions = {
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 168 * 3600,
  refreshReuseGraceSeconds: 2,
  lockoutMaxAttempts: 5,
  lockoutMinutes: 15,
  rateLimitPerWindow: 60,
  rateLimitWindowSeconds: 60,
  signupEnabled: true,
  anonymousSignInsEnabled: true,
  magicLinkEnabled: true,
  requireEmailConfirmation: false,
}

export function resolveAuthOptions(options: Partial<AuthOptions> = {}): AuthOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<AuthOptions>
  return { ...AUTH_DEFAULTS, ...defined }
}
