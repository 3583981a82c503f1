// features/auth/act-as.ts — "Act as this user": mints a real impersonation token through the studio's auth
// endpoint (audited with its reason) and makes it the studio's identity, so tables, the SQL console, storage and
// realtime all run as that user, exactly as their app would. "Stop" ends the audit session and returns to
// service_role.
import { studioStore } from '../../store'
import { SERVICE_ROLE_IDENTITY } from '../../store/identity-slice'
import { endImpersonation, impersonate } from '../../api/auth-api'

function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
    const json = decodeURIComponent(
      Array.from(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '=')), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    )
    return JSON.parse(json) as Record<string, unknown>
  } catch {
    return undefined
  }
}

export async function actAsUser(user: { id: string; email: string }): Promise<void> {
  const res = await impersonate(user.id, 'studio: act as this user (Auth page)')
  studioStore.getState().setIdentity({
    kind: 'user',
    label: user.email || user.id,
    accessToken: res.access_token,
    userId: user.id,
    claims: claimsOf(res.access_token),
  })
}

export async function stopActing(): Promise<void> {
  studioStore.getState().setIdentity(SERVICE_ROLE_IDENTITY)
  await endImpersonation()
}
