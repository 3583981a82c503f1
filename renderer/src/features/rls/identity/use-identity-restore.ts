// features/rls/identity/use-identity-restore.ts — after a reload, the studio acts as it did before (per data
// directory). The store starts with the identity last used with the last runtime seen; once the runtime names its
// data directory this checks that guess: the identity remembered for that directory, with a fresh token. If it
// cannot be had any more (the user was deleted), the studio falls back to service_role, which the SQL console
// announces as a more powerful identity.
import { useEffect } from 'react'
import { studioStore } from '../../../store'
import { rememberedIdentity, rememberIdentity, SERVICE_ROLE_IDENTITY, type StudioIdentity } from '../../../store/identity-slice'
import { actAs } from './identity-actions'

/** The identity the store was created with: only that one is replaced (a choice made since is the user's). */
const initial = studioStore.getState().identity
let checked = false

export function useIdentityRestore(): void {
  useEffect(() => {
    const check = (dataDir: string | undefined): boolean => {
      if (checked || !dataDir) return false
      checked = true
      const current = studioStore.getState().identity
      if (current !== initial) return true
      const wanted = rememberedIdentity(dataDir)
      rememberIdentity(dataDir, wanted)
      if (wanted.kind === 'service_role') {
        if (current.kind !== 'service_role') studioStore.getState().setIdentity(SERVICE_ROLE_IDENTITY)
        return true
      }
      void actAs(wanted).catch(() => fallBack(wanted))
      return true
    }
    if (check(studioStore.getState().status?.dataDir)) return
    return studioStore.subscribe((state) => {
      check(state.status?.dataDir)
    })
  }, [])
}

function fallBack(lost: StudioIdentity): void {
  if (studioStore.getState().identity.label === lost.label) studioStore.getState().setIdentity(SERVICE_ROLE_IDENTITY)
}
