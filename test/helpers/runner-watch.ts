// test/helpers/runner-watch.ts — the test worker follows its runner: vitest's fork workers outlive a runner that is
// killed (SIGKILL, a CI timeout), and with them every runtime and PostgreSQL a test file started. Each helper that
// starts something registers its stop here; when the runner is gone, the worker stops them all and exits.
import { watchParent } from '../../electron/server/parent-watch.js'

const STOP_TIMEOUT_MS = 20_000

const stops = new Set<() => Promise<unknown>>()
let watching = false

async function stopEverythingAndExit(): Promise<void> {
  const all = Promise.allSettled([...stops].map((stop) => stop()))
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))])
  process.exit(1)
}

/** Runs stop() if the test runner dies before the test file stops it itself; returns a function to deregister. */
export function stopIfRunnerDies(stop: () => Promise<unknown>): () => void {
  stops.add(stop)
  if (!watching) {
    watching = true
    let triggered = false
    const trigger = () => {
      if (triggered) return
      triggered = true
      void stopEverythingAndExit()
    }
    // A fork worker hears its IPC channel close at once; the parent check covers workers without one.
    process.once('disconnect', trigger)
    watchParent(trigger)
  }
  return () => stops.delete(stop)
}
