// parent-watch.ts — `--exit-with-parent`: a host that starts the runtime as a child (test helpers, scripts, an IDE)
// can ask it to stop cleanly when that host dies, however it dies (SIGKILL included), instead of living on as an
// orphan that holds a port, a data directory and a PostgreSQL server. A plain `npm run serve` does not watch.

const DEFAULT_INTERVAL_MS = 500

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else (still alive).
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Calls onParentGone once when the process that started this one is gone: on Linux and macOS an orphan is
 * re-parented (its ppid changes); on Windows the ppid stays, so the parent's own liveness is checked too.
 * Returns a function that stops watching. The timer never keeps the process alive by itself.
 */
export function watchParent(onParentGone: () => void, intervalMs = DEFAULT_INTERVAL_MS): () => void {
  const parent = process.ppid
  const timer = setInterval(() => {
    if (process.ppid === parent && isAlive(parent)) return
    clearInterval(timer)
    onParentGone()
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
