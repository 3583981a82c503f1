// features/realtime/changes/explain-in-rls.ts — "why was this refused?": makes the refused subscriber's identity the
// one the studio acts as (a token minted for the very claims its socket had; anon uses the anon key) and opens the
// RLS simulator's explanation of the change's table, hidden rows shown with the policy that hid each one.
import type { InspectorChange, InspectorIdentity } from '../../../../../contract/studio-realtime'
import { mintIdentityToken } from '../../../api/realtime-api'
import { studioStore } from '../../../store'
import type { StudioIdentity } from '../../../store/identity-slice'
import { givenClaims } from '../jwt-payload'

export async function identityFor(who: InspectorIdentity): Promise<StudioIdentity> {
  if (who.role === 'anon') {
    const key = studioStore.getState().status?.anonKey ?? null
    return { kind: 'anon', label: 'anon', accessToken: key, claims: { role: 'anon' } }
  }
  const claims = givenClaims(who.claims)
  const token = await mintIdentityToken(claims)
  return { kind: 'custom', label: who.label, accessToken: token, userId: who.user_id ?? undefined, claims }
}

export async function explainInRls(change: InspectorChange, who: InspectorIdentity): Promise<void> {
  const identity = await identityFor(who)
  const s = studioStore.getState()
  s.setIdentity(identity)
  s.setRlsCommand('SELECT')
  s.setRlsShowHidden(true)
  s.navigate('rls', { schema: change.schema, table: change.table, tab: 'explain' })
}
