// renderer/src/api/identity-api.ts — the calls behind the identity picker: find users in auth.users, mint real
// tokens (an impersonation token for a user or anon, a signed token for custom claims), and ask the database
// who it thinks the studio is (current_user, session_user, the claims and the guide's app.* settings).
import type { IdentityTokenResult } from '../../../contract/rls-simulator'
import { studioCall } from './studio-api'

export interface AuthUserSummary {
  id: string
  email: string
  role: string
  is_anonymous: boolean
  last_login_at?: string | null
}

export async function searchUsers(search: string, signal?: AbortSignal): Promise<{ users: AuthUserSummary[]; total: number }> {
  const q = new URLSearchParams({ limit: '20' })
  if (search.trim()) q.set('search', search.trim())
  return studioCall<{ users: AuthUserSummary[]; total: number }>(`/studio/api/auth/users?${q}`, { signal, asIdentity: false })
}

interface ImpersonationResult {
  access_token: string
  expires_in: number
  target_user: { id: string; email: string; role: string } | null
}

/** A real impersonation token for a user of auth.users (audited as the studio's "view as"). */
export function impersonateUser(userId: string): Promise<ImpersonationResult> {
  return studioCall<ImpersonationResult>('/studio/api/auth/impersonate', { body: { target_user_id: userId }, asIdentity: false })
}

/** A token for any claims (sub, role and the rest), signed by this runtime. */
export function mintClaimsToken(claims: Record<string, unknown>): Promise<IdentityTokenResult> {
  return studioCall<IdentityTokenResult>('/studio/api/rls/identity-token', { body: { claims }, asIdentity: false })
}

export interface DatabaseView {
  currentUser: string
  sessionUser: string
  claims: string | null
  appUserId: string | null
  appRole: string | null
}

interface SqlRun {
  results: Array<{ rows: unknown[][] }>
  error?: { message: string }
}

const WHO_SQL =
  "SELECT current_user, session_user, current_setting('request.jwt.claims', true), current_setting('app.user_id', true), current_setting('app.role', true)"

/** What the database sees for a statement run as `token` (the way the API sets up every request). */
export async function databaseView(token: string, signal?: AbortSignal): Promise<DatabaseView> {
  const run = await studioCall<SqlRun>('/studio/api/sql', { body: { sql: WHO_SQL }, signal, asIdentity: false, headers: { 'X-Studio-Identity': token } })
  if (run.error) throw new Error(run.error.message)
  const row = run.results[0]?.rows[0] ?? []
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v))
  return { currentUser: String(row[0] ?? ''), sessionUser: String(row[1] ?? ''), claims: text(row[2]), appUserId: text(row[3]), appRole: text(row[4]) }
}
