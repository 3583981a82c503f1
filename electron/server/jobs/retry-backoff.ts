// jobs/retry-backoff.ts — how long a failed job waits before its next attempt: exponential from 1 s, capped at
// 5 minutes, so a job that fails at once does not spin the queue. Pure.

const FIRST_DELAY_SECONDS = 1
const MAX_DELAY_SECONDS = 300

/** Seconds before attempt number `retry` (1 = the first retry). */
export function retryDelaySeconds(retry: number): number {
  if (!Number.isFinite(retry) || retry < 1) return FIRST_DELAY_SECONDS
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (retry - 1))
}
