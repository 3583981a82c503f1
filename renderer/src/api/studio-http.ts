// renderer/src/api/studio-http.ts — the one place the page sends HTTP to the runtime's studio API:
// adds the studio token, bounds each request in time, and turns every failure into a StudioApiError.
import { runtimeUrl } from './studio-connection'

/**
 * unauthorized: the token is not (or no longer) this runtime's; unreachable: no answer at all
 * (runtime restarting, timeout); http: an error status; bad-response: an answer we cannot read.
 */
export type StudioApiErrorKind = 'unauthorized' | 'unreachable' | 'http' | 'bad-response'

export class StudioApiError extends Error {
  constructor(
    readonly kind: StudioApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'StudioApiError'
  }
}

export interface StudioRequestOptions {
  signal?: AbortSignal
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 5_000

/** GET `path` (absolute, e.g. /studio/api/status) from the page's own origin; resolves to parsed JSON. */
export async function studioGetJson(path: string, token: string, options: StudioRequestOptions = {}): Promise<unknown> {
  const controller = new AbortController()
  const timeout = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const forwardAbort = (): void => controller.abort()
  options.signal?.addEventListener('abort', forwardAbort, { once: true })
  let response: Response
  try {
    response = await fetch(runtimeUrl(path), {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
      signal: controller.signal,
    })
  } catch (error) {
    if (options.signal?.aborted) throw error
    const reason = controller.signal.aborted ? 'timed out' : 'no connection'
    throw new StudioApiError('unreachable', `The studio runtime did not answer (${reason})`)
  } finally {
    clearTimeout(timeout)
    options.signal?.removeEventListener('abort', forwardAbort)
  }
  if (response.status === 401) {
    throw new StudioApiError('unauthorized', await errorMessage(response, 'The studio token was refused'), 401)
  }
  // A proxy or a half-started server answers 502/503 while the runtime restarts: treat as unreachable.
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    throw new StudioApiError('unreachable', `The studio runtime is unavailable (HTTP ${response.status})`, response.status)
  }
  if (!response.ok) {
    throw new StudioApiError('http', await errorMessage(response, `HTTP ${response.status}`), response.status)
  }
  try {
    return await response.json()
  } catch {
    throw new StudioApiError('bad-response', 'The studio runtime sent a response that is not JSON', response.status)
  }
}

/** The server's own words when it sent the contract's error body, else `fallback`. */
async function errorMessage(response: Response, fallback: string): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown; error?: unknown }
    if (typeof body.message === 'string' && body.message) return body.message
    if (typeof body.error === 'string' && body.error) return body.error
  } catch {
    // Not JSON: the status line is all there is to say.
  }
  return fallback
}
