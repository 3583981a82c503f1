// renderer/src/features/status/use-status-polling.ts — keeps the connection slice fed: learns the
// token, polls the runtime's status with it, and after a refusal asks the host for a fresh token.
import { useEffect } from 'react'
import { startStatusPolling } from '../../api/status-poller'
import { refreshStudioToken, watchStudioToken } from '../../api/studio-token'
import { studioStore, useStudioStore } from '../../store'

export function useStudioToken(): void {
  useEffect(() => watchStudioToken((token) => studioStore.getState().tokenResolved(token)), [])
}

export function useStatusPolling(): void {
  const token = useStudioStore((s) => s.token)
  useEffect(() => {
    if (!token) return
    const { statusReceived, statusFailed, tokenResolved } = studioStore.getState()
    const poller = startStatusPolling({
      token,
      onStatus: (status) => statusReceived(status, Date.now()),
      onFailure: (error) => {
        statusFailed(error.kind, error.message)
        // The desktop app's runtime may have restarted with a new token: fetch it and poll with it.
        if (error.kind !== 'unauthorized') return
        void refreshStudioToken().then((fresh) => {
          if (fresh) tokenResolved(fresh)
        })
      },
    })
    // Back from sleep or another tab: ask now rather than show stale facts for up to two seconds.
    const wake = (): void => {
      if (document.visibilityState === 'visible') poller.pollNow()
    }
    window.addEventListener('focus', wake)
    window.addEventListener('online', wake)
    document.addEventListener('visibilitychange', wake)
    return () => {
      poller.stop()
      window.removeEventListener('focus', wake)
      window.removeEventListener('online', wake)
      document.removeEventListener('visibilitychange', wake)
    }
  }, [token])
}
