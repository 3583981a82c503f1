// electron/main/runtime-lifecycle.ts — ties the in-process runtime to the app's life: started once,
// stopped (HTTP, pools, PostgreSQL) after the last window closed and before the process exits.
import { app, session } from 'electron'
import type { RuntimeInfo, StudioRuntime } from '../server/runtime'

const STOP_TIMEOUT_MS = 15_000

export interface RuntimeLifecycle {
  start(): Promise<RuntimeInfo>
}

export function manageRuntime(runtime: StudioRuntime): RuntimeLifecycle {
  let starting: Promise<RuntimeInfo> | undefined
  let stopped = false

  // will-quit, not before-quit: it comes after every window closed normally (and saved its bounds).
  app.on('will-quit', (event) => {
    if (stopped) return
    event.preventDefault()
    stopped = true
    void stopThenExit(runtime, starting)
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit())

  return {
    start() {
      starting ??= runtime.start()
      return starting
    },
  }
}

async function stopThenExit(runtime: StudioRuntime, starting: Promise<unknown> | undefined): Promise<void> {
  // A failed start set process.exitCode already; a clean stop must not turn that into success.
  let exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0
  try {
    // Quitting while PostgreSQL is still starting: let start settle so stop() has all to release.
    if (starting) await starting.catch(() => undefined)
    // Chromium keeps pooled (and pre-connected) sockets to the studio origin after the window is
    // gone; an HTTP server that waits for its connections to end would wait for those too.
    if (app.isReady()) await session.defaultSession.closeAllConnections().catch(() => undefined)
    await withTimeout(runtime.stop(), STOP_TIMEOUT_MS)
  } catch (error) {
    console.error(`Fluxbase Studio did not stop cleanly: ${(error as Error).message}`)
    exitCode = 1
  }
  app.exit(exitCode)
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime.stop() took longer than ${ms / 1000} s`)), ms)
    promise.then(resolve, reject).finally(() => clearTimeout(timer))
  })
}
