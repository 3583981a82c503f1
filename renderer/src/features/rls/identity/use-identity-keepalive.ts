// features/rls/identity/use-identity-keepalive.ts — renews the active identity's token a little before it
// expires (impersonation and custom-claims tokens live an hour), so the studio never silently drops to 401s.
import { useEffect } from 'react'
import { studioStore } from '../../../store'
import { renewed } from './identity-actions'

const CHECK_EVERY_MS = 60_000

export function useIdentityKeepAlive(): void {
  useEffect(() => {
    let busy = false
    const check = async () => {
      const current = studioStore.getState().identity
      if (busy || !current.accessToken || current.kind === 'anon') return
      busy = true
      try {
        const fresh = await renewed(current)
        // Only if nobody switched identity meanwhile.
        if (fresh !== current && studioStore.getState().identity === current) studioStore.getState().setIdentity(fresh)
      } catch {
        // Runtime away: the next check tries again; calls made meanwhile show their own errors.
      } finally {
        busy = false
      }
    }
    const timer = setInterval(() => void check(), CHECK_EVERY_MS)
    return () => clearInterval(timer)
  }, [])
}
