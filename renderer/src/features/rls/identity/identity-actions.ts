// features/rls/identity/identity-actions.ts — turns a choice in the identity picker into a StudioIdentity with a
// real token (impersonation for users, the runtime's anon key for anon, a minted token for custom claims), and
// renews tokens that are about to expire, so a saved identity or one left active for hours keeps working.
import type { StudioIdentity } from '../../../store/identity-slice'
import { studioStore } from '../../../store'
import { impersonateUser, mintClaimsToken, type AuthUserSummary } from '../../../api/identity-api'
import { StudioApiError } from '../../../api/studio-api'
import { decodeClaims, expiresSoon } from './jwt-claims'
import { claimsLabel } from './claims-input'

export function anonIdentity(): StudioIdentity {
  const key = studioStore.getState().status?.anonKey
  if (!key) throw new StudioApiError('unreachable', 'The runtime has not answered yet: its anon key is not known.')
  return { kind: 'anon', label: 'anon', accessToken: key, claims: decodeClaims(key) ?? { role: 'anon' } }
}

export async function userIdentity(user: Pick<AuthUserSummary, 'id' | 'email'>, label?: string): Promise<StudioIdentity> {
  const res = await impersonateUser(user.id)
  return { kind: 'user', label: label ?? (user.email || user.id), accessToken: res.access_token, userId: user.id, claims: decodeClaims(res.access_token) ?? undefined }
}

export async function claimsIdentity(claims: Record<string, unknown>, label?: string): Promise<StudioIdentity> {
  const res = await mintClaimsToken(claims)
  const sub = typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined
  return { kind: 'custom', label: label?.trim() || claimsLabel(claims), accessToken: res.access_token, userId: sub, claims }
}

/** The same identity with a token good for a while longer (or itself when it still is). */
export async function renewed(identity: StudioIdentity, now = Date.now()): Promise<StudioIdentity> {
  // service_role needs no token (the service-role key is used); anon's token is the runtime's current anon key.
  if (identity.kind === 'service_role') return identity
  if (identity.kind === 'anon') return { ...anonIdentity(), label: identity.label }
  if (identity.accessToken && !expiresSoon(identity.accessToken, now)) return identity
  if (identity.kind === 'user' && identity.userId) return userIdentity({ id: identity.userId, email: '' }, identity.label)
  if (identity.kind === 'custom' && identity.claims) return claimsIdentity(stripTokenClaims(identity.claims), identity.label)
  return identity
}

/** Claims as the user gave them: without what the runtime adds when it signs (times, issuer, markers). */
function stripTokenClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const { exp: _exp, iat: _iat, nbf: _nbf, iss: _iss, token_type: _t, impersonated: _i, ...rest } = claims
  return rest
}

/** The token the app-facing API would get for this identity (service_role: the service-role key). */
export function tokenOf(identity: StudioIdentity): string {
  if (identity.accessToken) return identity.accessToken
  const key = studioStore.getState().status?.serviceRoleKey
  if (!key) throw new StudioApiError('unreachable', 'The runtime has not answered yet: its service-role key is not known.')
  return key
}

/** Makes `identity` the one the whole studio acts as (renewing its token first if needed). */
export async function actAs(identity: StudioIdentity): Promise<StudioIdentity> {
  const fresh = await renewed(identity)
  studioStore.getState().setIdentity(fresh)
  const saved = studioStore.getState().savedIdentities.find((s) => s.label === fresh.label)
  if (saved && saved.accessToken !== fresh.accessToken) studioStore.getState().saveIdentity(fresh)
  return fresh
}
