// auth/user-json.ts — an auth.users row as the wire sees it: the contract's User (sign-in, /auth/user) and the
// admin's enriched user (list, create, update). Pure.
export interface UserRow {
  id: string
  email: string | null
  email_verified: boolean
  email_confirmed_at: Date | null
  phone: string | null
  role: string
  user_metadata: Record<string, unknown>
  app_metadata: Record<string, unknown>
  is_anonymous: boolean
  failed_login_attempts: number
  locked_until: Date | null
  last_sign_in_at: Date | null
  created_at: Date
  updated_at: Date
}

/** Columns every query that builds a UserRow selects (prefix `u.`). */
export const USER_COLUMNS =
  'u.id, u.email, u.email_verified, u.email_confirmed_at, u.phone, u.role, u.user_metadata, u.app_metadata, u.is_anonymous, ' +
  'u.failed_login_attempts, u.locked_until, u.last_sign_in_at, u.created_at, u.updated_at'

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

export interface UserJson {
  id: string
  email: string
  email_verified: boolean
  /** Only for users who signed in with a phone code. */
  phone?: string
  role: string
  user_metadata: Record<string, unknown>
  app_metadata: Record<string, unknown>
  is_anonymous: boolean
  last_sign_in_at: string | null
  created_at: string
  updated_at: string
}

export function userJson(u: UserRow): UserJson {
  return {
    id: u.id,
    // The SDK types email as a string; anonymous users have none.
    email: u.email ?? '',
    email_verified: u.email_verified,
    ...(u.phone ? { phone: u.phone } : {}),
    role: u.role,
    user_metadata: u.user_metadata ?? {},
    app_metadata: u.app_metadata ?? {},
    is_anonymous: u.is_anonymous,
    last_sign_in_at: iso(u.last_sign_in_at),
    created_at: u.created_at.toISOString(),
    updated_at: u.updated_at.toISOString(),
  }
}

export interface AdminUserRow extends UserRow {
  has_password: boolean
  session_count: number
}

/** The SDK's EnrichedUser plus what the studio's user table shows (lock state, password or not). */
export function adminUserJson(u: AdminUserRow) {
  return {
    ...userJson(u),
    metadata: u.user_metadata ?? {},
    email_confirmed_at: iso(u.email_confirmed_at),
    last_login_at: iso(u.last_sign_in_at),
    session_count: Number(u.session_count ?? 0),
    has_password: u.has_password,
    failed_login_attempts: u.failed_login_attempts,
    locked_until: u.locked_until && u.locked_until.getTime() > Date.now() ? u.locked_until.toISOString() : null,
  }
}
