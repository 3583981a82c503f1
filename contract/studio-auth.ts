// contract/studio-auth.ts — the wire shapes of the studio's Auth page endpoints (/studio/api/auth/users, /mail,
// /impersonate, /settings), as electron/server/auth/ sends them. Types only.

export interface AdminUser {
  id: string
  email: string
  email_verified: boolean
  email_confirmed_at: string | null
  role: string
  user_metadata: Record<string, unknown>
  app_metadata: Record<string, unknown>
  is_anonymous: boolean
  last_sign_in_at: string | null
  created_at: string
  updated_at: string
  session_count: number
  has_password: boolean
  failed_login_attempts: number
  locked_until: string | null
}

export interface UsersPage {
  users: AdminUser[]
  total: number
  limit: number
  offset: number
}

export interface CreateUserBody {
  email: string
  password?: string
  /** Default true on the server: an admin-made account can sign in at once. */
  email_confirm?: boolean
  role?: string
  user_metadata?: Record<string, unknown>
  app_metadata?: Record<string, unknown>
}

export interface UpdateUserBody {
  role?: string
  user_metadata?: Record<string, unknown>
  app_metadata?: Record<string, unknown>
  email_verified?: boolean
  unlock?: boolean
}

/** `otp`: a one-time code by mail; `sms`: a phone code (kept in the inbox for want of an SMS provider). */
export type MailKind = 'signup' | 'magiclink' | 'recovery' | 'invite' | 'email_change' | 'otp' | 'sms'

export interface MailSummary {
  id: string
  kind: MailKind
  to: string
  from: string
  subject: string
  link: string
  token: string
  user_id: string
  created_at: string
  read: boolean
  preview: string
}

export interface MailMessage extends Omit<MailSummary, 'preview'> {
  text: string
  html: string
}

export interface MailPage {
  messages: MailSummary[]
  total: number
}

export interface ImpersonationResult {
  access_token: string
  expires_in: number
  target_user: { id: string; email: string; role: string } | null
}

export interface AuthSettingsView {
  requireEmailConfirmation: boolean
  signupEnabled: boolean
  minPasswordLength: number
}
