// renderer/src/api/jobs-api.ts — the Jobs view's calls: job functions with schedules (/studio/api/jobs/functions),
// the queue of every user's jobs, one job with its logs, the studio's run/cancel/retry/resubmit, and a submit through
// the app-facing /api/v1/jobs/submit as the status bar's identity (the job is that user's, as from their app).
import { studioCall, ApiCallError } from './studio-api'
import { StudioApiError } from './studio-http'
import { runtimeUrl } from './studio-connection'
import { identityHeaders, type ComputeInfo } from './compute-api'

export interface JobFunction {
  id: string
  name: string
  namespace: string
  path: string
  state: 'loading' | 'loaded' | 'error' | 'disabled'
  error: { message: string; location?: string | null } | null
  problems: string[]
  enabled: boolean
  schedule: string | null
  schedule_paused: boolean
  next_run_at: string | null
  last_run_at: string | null
  timeout_seconds: number
  max_retries: number
  require_roles: string[]
}

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled'

export interface Job {
  id: string
  namespace: string
  job_name: string
  status: JobStatus
  payload?: unknown
  result?: unknown
  progress?: { percent?: number; message?: string } | null
  progress_percent?: number
  progress_message?: string
  error_message?: string
  retry_count?: number
  max_retries?: number
  user_email?: string
  user_role?: string
  created_at: string
  started_at?: string
  completed_at?: string
}

export interface JobPage {
  jobs: Job[]
  total: number
  limit: number
  offset: number
}

export interface JobLogLine {
  id?: string
  line_number: number
  level: string
  message: string
  timestamp?: string
}

const BASE = '/studio/api/jobs'

export function listJobFunctions(signal?: AbortSignal): Promise<JobFunction[]> {
  return studioCall<JobFunction[]>(`${BASE}/functions`, { signal, asIdentity: false })
}

export function runJobNow(fn: JobFunction): Promise<Job> {
  return studioCall<Job>(`${BASE}/functions/${encodeURIComponent(fn.namespace)}/${encodeURIComponent(fn.name)}/run`, { body: {}, asIdentity: false })
}

export function pauseSchedule(fn: JobFunction, paused: boolean): Promise<unknown> {
  return studioCall(`${BASE}/functions/${encodeURIComponent(fn.namespace)}/${encodeURIComponent(fn.name)}/schedule`, { body: { paused }, asIdentity: false })
}

export interface QueueQuery {
  status?: JobStatus
  jobName?: string
  limit: number
  offset: number
}

export function listQueue(q: QueueQuery, signal?: AbortSignal): Promise<JobPage> {
  const params = new URLSearchParams({ limit: String(q.limit), offset: String(q.offset) })
  if (q.status) params.set('status', q.status)
  if (q.jobName) params.set('job_name', q.jobName)
  return studioCall<JobPage>(`${BASE}/queue?${params}`, { signal, asIdentity: false })
}

export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return studioCall<Job>(`${BASE}/queue/${encodeURIComponent(id)}`, { signal, asIdentity: false })
}

export function getJobLogs(id: string, signal?: AbortSignal): Promise<{ logs: JobLogLine[]; count: number }> {
  return studioCall<{ logs: JobLogLine[]; count: number }>(`${BASE}/queue/${encodeURIComponent(id)}/logs`, { signal, asIdentity: false })
}

export type JobAction = 'cancel' | 'retry' | 'resubmit'

export function jobAction(id: string, action: JobAction): Promise<unknown> {
  return studioCall(`${BASE}/queue/${encodeURIComponent(id)}/${action}`, { body: {}, asIdentity: false })
}

/** Submits a job through the real endpoint as the status bar's identity; resolves to the new Job. */
export async function submitJob(compute: ComputeInfo, jobName: string, payload: unknown): Promise<Job> {
  const headers = { ...(await identityHeaders(compute)), 'Content-Type': 'application/json' }
  let res: Response
  try {
    res = await fetch(runtimeUrl(compute.endpoints.jobs_submit), { method: 'POST', headers, body: JSON.stringify({ job_name: jobName, payload }), cache: 'no-store', credentials: 'omit' })
  } catch {
    throw new StudioApiError('unreachable', 'The studio cannot reach the runtime (it may be restarting). Try again in a moment.')
  }
  const text = await res.text()
  let body: Record<string, unknown> = {}
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    body = { error: text || res.statusText }
  }
  if (!res.ok) throw new ApiCallError(String(body.error ?? body.message ?? `HTTP ${res.status}`), res.status, body as { error?: string })
  return body as unknown as Job
}
