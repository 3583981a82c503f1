// auth/auth-module.ts — the auth area's state for one runtime: settings in force, the revocation cache, the rate
// limiter and the mail inbox. Created once by registerAuthRoutes (auth-routes.ts) and found again by the studio's
// auth routes through the same ServerContext.
import path from 'node:path'
import type { Pool } from 'pg'
import type { ServerContext } from '../context.js'
import { initialAuthSettings, type AuthSettings } from './auth-settings.js'
import { RevocationState } from './revocation-state.js'
import { RateLimiter } from './rate-limit.js'
import { MailInbox } from './mail/mail-inbox.js'
import { startRevocationListener } from './revocation-listener.js'
import { oncePerContext } from '../once-per-context.js'
import { sealClearTotpSecrets } from './totp-secret-seal.js'

export interface AuthModule {
  ctx: ServerContext
  /** The API's login role: auth runs its own statements as fluxbase_api, never as the caller's role. */
  db: Pool
  settings: AuthSettings
  revocations: RevocationState
  limiter: RateLimiter
  inbox: MailInbox
}

/** Loads revocations, starts listening for outside changes and installs the token check on ctx; once per runtime. */
export const startAuthModule = oncePerContext(createAuthModule)

async function createAuthModule(ctx: ServerContext): Promise<AuthModule> {
  const settings = initialAuthSettings(ctx.config.auth, ctx.config.minPasswordLength)
  const revocations = new RevocationState(ctx.pools.api)
  // Two connections, one round trip of waiting: a revocation landing between the two is seen by one or the other.
  const [, listener] = await Promise.all([revocations.load(), startRevocationListener(ctx.pools.api, revocations, ctx.logs), sealClearTotpSecrets(ctx)])
  ctx.onStop(() => listener.stop())
  ctx.tokenChecks.push(revocations.check)
  return {
    ctx,
    db: ctx.pools.api,
    settings,
    revocations,
    limiter: new RateLimiter(() => ({ max: settings.rateLimitPerWindow, windowSeconds: settings.rateLimitWindowSeconds })),
    inbox: new MailInbox(path.join(ctx.config.dataDir, 'mail')),
  }
}
