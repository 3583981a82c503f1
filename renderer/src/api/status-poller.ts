// renderer/src/api/status-poller.ts — asks the runtime for its status every couple of seconds, one
// request at a time, and reports each answer or failure. Keeps going through failures, so the page
// comes back by itself when the runtime restarts.
import type { StudioStatus } from '../../../contract/studio-status'
import { fetchStatus } from './status'
import { StudioApiError } from './studio-http'

export interface StatusPollerOptions {
  token: string
  intervalMs?: number
  onStatus(status: StudioStatus): void
  onFailure(error: StudioApiError): void
}

export interface StatusPoller {
  /** Polls right away (e.g. the window regained focus) instead of waiting for the next tick. */
  pollNow(): void
  stop(): void
}

export const STATUS_POLL_INTERVAL_MS = 2_000

export function startStatusPolling(options: StatusPollerOptions): StatusPoller {
  const intervalMs = options.intervalMs ?? STATUS_POLL_INTERVAL_MS
  let stopped = false
  let inFlight: AbortController | undefined
  let timer: ReturnType<typeof setTimeout> | undefined

  const poll = async (): Promise<void> => {
    clearTimeout(timer)
    if (stopped || inFlight) return
    const controller = new AbortController()
    inFlight = controller
    const startedAt = Date.now()
    try {
      // No request may outlive the next tick: a hung runtime counts as unreachable, not as pending.
      const status = await fetchStatus(options.token, { signal: controller.signal, timeoutMs: Math.max(intervalMs, 1_500) })
      if (!stopped) options.onStatus(status)
    } catch (error) {
      if (!stopped) options.onFailure(asApiError(error))
    } finally {
      inFlight = undefined
    }
    if (!stopped) timer = setTimeout(() => void poll(), Math.max(0, intervalMs - (Date.now() - startedAt)))
  }

  void poll()
  return {
    pollNow: () => void poll(),
    stop() {
      stopped = true
      clearTimeout(timer)
      inFlight?.abort()
    },
  }
}

function asApiError(error: unknown): StudioApiError {
  if (error instanceof StudioApiError) return error
  return new StudioApiError('unreachable', error instanceof Error ? error.message : String(error))
}
