// renderer/src/api/auth-api.ts — the Auth page's calls to /studio/api/auth/…: users (list, create, update, delete,
// revoke sessions, password reset), impersonation tokens for "act as", the local mail inbox and the two auth
// settings the page can switch. These are the studio's own admin actions: never sent as the simulator's identity.
import type {
  AdminUser,
  AuthSettingsView,
  CreateUserBody,
  ImpersonationResult,
  MailMessage,
  MailPage,
  UpdateUserBody,
  UsersPage,
} from '../../../contract/studio-auth'
import { studioCall } from './studio-api'

const BASE = '/studio/api/auth'
const admin = { asIdentity: false } as const

export function listUsers(query: { search?: string; limit: number; offset: number }, signal?: AbortSignal): Promise<UsersPage> {
  const q = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) })
  if (query.search?.trim()) q.set('search', query.search.trim())
  return studioCall<UsersPage>(`${BASE}/users?${q}`, { ...admin, signal })
}

export function getUser(id: string): Promise<AdminUser> {
  return studioCall<AdminUser>(`${BASE}/users/${encodeURIComponent(id)}`, admin)
}

export function createUser(body: CreateUserBody): Promise<AdminUser> {
  return studioCall<AdminUser>(`${BASE}/users`, { ...admin, method: 'POST', body })
}

export function updateUser(id: string, body: UpdateUserBody): Promise<AdminUser> {
  return studioCall<AdminUser>(`${BASE}/users/${encodeURIComponent(id)}`, { ...admin, method: 'PATCH', body })
}

export function deleteUser(id: string): Promise<{ message: string }> {
  return studioCall<{ message: string }>(`${BASE}/users/${encodeURIComponent(id)}`, { ...admin, method: 'DELETE' })
}

export function revokeSessions(id: string): Promise<{ message: string; revoked: number }> {
  return studioCall<{ message: string; revoked: number }>(`${BASE}/users/${encodeURIComponent(id)}/sessions`, { ...admin, method: 'DELETE' })
}

export function sendPasswordReset(id: string): Promise<{ message: string; mail_id: string }> {
  return studioCall<{ message: string; mail_id: string }>(`${BASE}/users/${encodeURIComponent(id)}/reset-password`, { ...admin, method: 'POST', body: {} })
}

/** A real access token for the user, recorded in the impersonation audit trail. */
export function impersonate(userId: string, reason: string): Promise<ImpersonationResult> {
  return studioCall<ImpersonationResult>(`${BASE}/impersonate`, { ...admin, method: 'POST', body: { target_user_id: userId, reason } })
}

/** Ends the studio's active impersonation session in the audit trail (tokens already out expire on their own). */
export async function endImpersonation(): Promise<void> {
  try {
    await studioCall(`${BASE}/impersonate`, { ...admin, method: 'DELETE' })
  } catch (err) {
    // None active (already ended, or the identity came from elsewhere): nothing to end.
    if ((err as { status?: number }).status !== 404) throw err
  }
}

export function listMail(limit = 200, signal?: AbortSignal): Promise<MailPage> {
  return studioCall<MailPage>(`${BASE}/mail?limit=${limit}`, { ...admin, signal })
}

export function getMail(id: string): Promise<MailMessage> {
  return studioCall<MailMessage>(`${BASE}/mail/${encodeURIComponent(id)}`, admin)
}

export function deleteMail(id: string): Promise<{ message: string }> {
  return studioCall<{ message: string }>(`${BASE}/mail/${encodeURIComponent(id)}`, { ...admin, method: 'DELETE' })
}

export function emptyInbox(): Promise<{ message: string; deleted: number }> {
  return studioCall<{ message: string; deleted: number }>(`${BASE}/mail`, { ...admin, method: 'DELETE' })
}

export async function getAuthSettings(): Promise<AuthSettingsView> {
  const res = await studioCall<{ settings: AuthSettingsView }>(`${BASE}/settings`, admin)
  return res.settings
}

export async function patchAuthSettings(patch: Partial<Pick<AuthSettingsView, 'requireEmailConfirmation' | 'signupEnabled'>>): Promise<AuthSettingsView> {
  const res = await studioCall<{ settings: AuthSettingsView }>(`${BASE}/settings`, { ...admin, method: 'PATCH', body: patch })
  return res.settings
}
