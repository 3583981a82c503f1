// auth/security-log.ts — one entry on the log bus (category `security`, as upstream §7) per auth event: sign-ins,
// failures, lock-outs, revocations, refresh-token reuse, impersonation. Never logs passwords or tokens.
import type { LogBus } from '../logs/log-bus.js'
import type { LogLevel } from '../logs/log-entry.js'
import type { RequestMeta } from './request-meta.js'

export type SecurityEvent =
  | 'signup'
  | 'login_success'
  | 'mfa_challenge'
  | 'mfa_failed'
  | 'mfa_enabled'
  | 'mfa_disabled'
  | 'otp_sent'
  | 'otp_signin'
  | 'oauth_signin'
  | 'identity_linked'
  | 'identity_unlinked'
  | 'reauthenticated'
  | 'login_failed'
  | 'account_locked'
  | 'anonymous_signin'
  | 'logout'
  | 'token_refreshed'
  | 'refresh_token_reuse'
  | 'sessions_revoked'
  | 'password_changed'
  | 'password_reset_requested'
  | 'password_reset'
  | 'magic_link_sent'
  | 'magic_link_used'
  | 'email_verified'
  | 'user_created'
  | 'user_updated'
  | 'user_deleted'
  | 'impersonation_started'
  | 'impersonation_ended'
  | 'rate_limited'

export interface SecurityLogInput {
  event: SecurityEvent
  message: string
  level?: LogLevel
  success?: boolean
  meta?: RequestMeta
  userId?: string | null
  email?: string | null
  fields?: Record<string, unknown>
}

export function logSecurity(logs: LogBus, input: SecurityLogInput): void {
  logs.log({
    category: 'security',
    level: input.level ?? (input.success === false ? 'warn' : 'info'),
    component: 'auth',
    message: input.message,
    request_id: input.meta?.requestId,
    user_id: input.userId ?? undefined,
    fields: {
      event_type: input.event,
      success: input.success ?? true,
      email: input.email ?? undefined,
      ip_address: input.meta?.ip,
      user_agent: input.meta?.userAgent ?? undefined,
      ...input.fields,
    },
  })
}
