// features/realtime/listen/identity-choices.ts — who a "listen as" column can be: service_role, anon (no token, as the
// SDK connects), the identity the studio acts as, the saved ones, or any user id; and a fresh token for the chosen one
// (a saved token that has expired is re-minted for the same claims).
import { useMemo } from 'react'
import { mintIdentityToken } from '../../../api/realtime-api'
import { studioStore, useStudioStore } from '../../../store'
import type { StudioIdentity } from '../../../store/identity-slice'
import { expiresSoon, givenClaims } from '../jwt-payload'
import type { ListenerIdentity } from '../realtime-slice'

export interface IdentityChoice {
  key: string
  label: string
  role: string
  source: StudioIdentity
}

function roleOf(i: StudioIdentity): string {
  if (i.kind === 'service_role') return 'service_role'
  if (i.kind === 'anon') return 'anon'
  const role = i.claims?.role
  return typeof role === 'string' && role ? role : 'authenticated'
}

export function useIdentityChoices(): IdentityChoice[] {
  const current = useStudioStore((s) => s.identity)
  const saved = useStudioStore((s) => s.savedIdentities)
  return useMemo(() => {
    const base: StudioIdentity[] = [
      { kind: 'service_role', label: 'service_role', accessToken: null },
      { kind: 'anon', label: 'anon', accessToken: null },
    ]
    const seen = new Set<string>()
    return [...base, current, ...saved]
      .filter((i) => !seen.has(i.label) && !!seen.add(i.label))
      .map((i) => ({ key: i.label, label: i === current && i.kind !== 'service_role' ? `${i.label} (current)` : i.label, role: roleOf(i), source: i }))
  }, [current, saved])
}

/** The token the column's socket opens with: none for anon, the service-role key, else the identity's own. */
export async function listenerIdentity(choice: IdentityChoice): Promise<ListenerIdentity> {
  const i = choice.source
  if (i.kind === 'anon') return { label: i.label, role: 'anon', token: null }
  if (i.kind === 'service_role') {
    const key = studioStore.getState().status?.serviceRoleKey
    if (!key) throw new Error('The runtime has not answered yet: its service-role key is not known.')
    return { label: i.label, role: 'service_role', token: key }
  }
  let token = i.accessToken
  if (!token || expiresSoon(token)) {
    if (!i.claims) throw new Error(`The token of ${i.label} has expired; pick the identity again in the status bar.`)
    token = await mintIdentityToken(givenClaims(i.claims))
  }
  return { label: i.label, role: choice.role, token }
}

/** Any user by id (and optional email), as an authenticated user or another role. */
export async function userByIdIdentity(userId: string, role: string, email: string): Promise<ListenerIdentity> {
  const claims: Record<string, unknown> = { sub: userId.trim(), role: role.trim() || 'authenticated' }
  if (email.trim()) claims.email = email.trim()
  const token = await mintIdentityToken(claims)
  return { label: email.trim() || userId.trim(), role: String(claims.role), token }
}
