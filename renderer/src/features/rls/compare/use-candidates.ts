// features/rls/compare/use-candidates.ts — the identities the comparison can use: service_role, anon, the active
// one, the saved ones and users added for the comparison; and their tokens, renewed when about to expire.
import { useMemo } from 'react'
import { useStudioStore } from '../../../store'
import { SERVICE_ROLE_IDENTITY, type StudioIdentity } from '../../../store/identity-slice'
import type { IdentityRef } from '../../../../../contract/rls-simulator'
import { renewed, tokenOf } from '../identity/identity-actions'

export function useCandidates(): StudioIdentity[] {
  const current = useStudioStore((s) => s.identity)
  const saved = useStudioStore((s) => s.savedIdentities)
  const extras = useStudioStore((s) => s.rlsCompareExtras)
  const anonKey = useStudioStore((s) => s.status?.anonKey)
  return useMemo(() => {
    const anon: StudioIdentity = { kind: 'anon', label: 'anon', accessToken: anonKey ?? null }
    const all = [SERVICE_ROLE_IDENTITY, anon, current, ...saved, ...extras]
    const seen = new Set<string>()
    return all.filter((i) => !seen.has(i.label) && seen.add(i.label))
  }, [current, saved, extras, anonKey])
}

/** Labelled tokens for the server, renewing any that are about to expire. */
export async function identityRefs(identities: StudioIdentity[]): Promise<IdentityRef[]> {
  return Promise.all(identities.map(async (i) => ({ label: i.label, token: tokenOf(await renewed(i)) })))
}
