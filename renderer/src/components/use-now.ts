// renderer/src/components/use-now.ts — a clock for values that tick (uptime, "last seen 5 s ago").
// Each caller re-renders on its own, so a ticking value never re-renders the whole page.
import { useEffect, useState } from 'react'

export function useNow(intervalMs = 1_000, enabled = true): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!enabled) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, enabled])
  return now
}
