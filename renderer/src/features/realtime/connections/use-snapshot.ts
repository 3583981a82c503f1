// features/realtime/connections/use-snapshot.ts — what realtime holds open, asked again every couple of seconds while
// the panel is shown (and at once after a broadcast), keeping the last answer through a failed poll.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RealtimeSnapshot } from '../../../../../contract/studio-realtime'
import { fetchRealtimeSnapshot } from '../../../api/realtime-api'

const POLL_MS = 2000

export function useSnapshot(): { snapshot: RealtimeSnapshot | null; error: string | null; refresh(): void } {
  const [snapshot, setSnapshot] = useState<RealtimeSnapshot | null>(null)
  const [error, setError] = useState<string | null>(null)
  const inFlight = useRef<AbortController | null>(null)
  const refresh = useCallback(() => {
    inFlight.current?.abort()
    const controller = new AbortController()
    inFlight.current = controller
    fetchRealtimeSnapshot(controller.signal).then(
      (s) => {
        setSnapshot(s)
        setError(null)
      },
      (err: unknown) => {
        if ((err as Error).name === 'AbortError') return
        setError(`Could not read realtime's connections: ${err instanceof Error ? err.message : String(err)}`)
      },
    )
  }, [])
  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, POLL_MS)
    return () => {
      clearInterval(timer)
      inFlight.current?.abort()
    }
  }, [refresh])
  return { snapshot, error, refresh }
}
