// renderer/src/api/compute-api.ts — what the Functions and Jobs views share: whether each is on (and the flag that
// turns it on), the app-facing endpoints, and the headers that make a real /api/v1 call as the status bar's
// identity (its access token + the anon key, or call-as for service_role, the way an app's SDK would send them).
import { studioCall } from './studio-api'
import { studioConnection } from './studio-connection'

export interface ComputeArea {
  enabled: boolean
  dir: string | null
  /** When off: the flag that turns it on, in words. */
  hint?: string
}

export interface ComputeInfo {
  api_url: string
  anon_key: string
  functions: ComputeArea
  jobs: ComputeArea
  endpoints: { invoke: string; jobs_submit: string; job: string; job_cancel: string; job_retry: string; job_logs: string }
}

export function getCompute(signal?: AbortSignal): Promise<ComputeInfo> {
  return studioCall<ComputeInfo>('/studio/api/compute', { signal, asIdentity: false })
}

interface CallAsReply {
  headers: Record<string, string>
}

/**
 * The headers a real app request carries as the status bar's identity: a user or custom token goes as the Bearer
 * with the anon key as apikey (what a signed-in app sends); service_role gets an audited token from call-as.
 */
export async function identityHeaders(compute: ComputeInfo): Promise<Record<string, string>> {
  const token = studioConnection().getIdentityToken()
  if (token) return { apikey: compute.anon_key, Authorization: `Bearer ${token}` }
  const reply = await studioCall<CallAsReply>('/studio/api/compute/call-as', { body: { as: 'service_role' }, asIdentity: false })
  return reply.headers
}

/** `path` (e.g. /api/v1/jobs/submit) on the app-facing API the runtime serves. */
export function apiUrl(compute: ComputeInfo, path: string): string {
  return `${compute.api_url.replace(/\/$/, '')}${path}`
}
