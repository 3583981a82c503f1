// renderer/src/api/functions-api.ts — the Functions view's calls: the list of edge functions with their state and
// last invocations (/studio/api/functions), one invocation's log lines, and a real invocation through the app-facing
// endpoint (/api/v1/functions/NAME/invoke) as the status bar's identity, read back whole (status, headers, body).
import { studioCall } from './studio-api'
import { StudioApiError } from './studio-http'
import { runtimeUrl } from './studio-connection'
import { identityHeaders, type ComputeInfo } from './compute-api'

export interface FunctionExecutionSummary {
  id: string
  status: 'running' | 'success' | 'error'
  status_code: number | null
  duration_ms: number | null
  method: string
  user_id: string | null
  user_role: string
  executed_at: string
  request_id: string
}

export interface EdgeFunction {
  name: string
  state: 'loading' | 'loaded' | 'error' | 'disabled'
  error: { message: string; location?: string | null } | null
  enabled: boolean
  source_path: string
  timeout_seconds: number
  memory_limit_mb: number
  allow_unauthenticated: boolean
  is_public: boolean
  disable_execution_logs: boolean
  cors_origins?: string | null
  rate_limit_per_minute?: number | null
  rate_limit_per_hour?: number | null
  rate_limit_per_day?: number | null
  version: number
  updated_at: string
  invoke_path: string
  recent_executions: FunctionExecutionSummary[]
}

export interface FunctionsList {
  enabled: boolean
  dir: string | null
  hint?: string
  functions: EdgeFunction[]
}

export interface ExecutionLogLine {
  id: string
  timestamp: string
  level: string
  message: string
  line_number: number
}

export interface ExecutionDetail {
  execution: FunctionExecutionSummary & { error_message: string | null }
  entries: ExecutionLogLine[]
  count: number
}

export function listFunctions(signal?: AbortSignal): Promise<FunctionsList> {
  return studioCall<FunctionsList>('/studio/api/functions', { signal, asIdentity: false })
}

export function getExecution(name: string, executionId: string, signal?: AbortSignal): Promise<ExecutionDetail> {
  return studioCall<ExecutionDetail>(`/studio/api/functions/${encodeURIComponent(name)}/executions/${encodeURIComponent(executionId)}`, { signal, asIdentity: false })
}

export interface InvokeRequest {
  name: string
  method: string
  /** Query string without the "?" (e.g. "limit=5"). */
  query: string
  headers: Record<string, string>
  /** Sent as is; null = no body. */
  body: string | null
  contentType: string
}

export interface InvokeReply {
  status: number
  statusText: string
  headers: Array<[string, string]>
  body: string
  durationMs: number
  executionId: string | null
  /** The request as sent (for "copy as curl"), identity headers included. */
  sent: { url: string; headers: Record<string, string> }
}

/** The path of the real endpoint for `name` with `query` (relative to the API's origin). */
export function invokePath(compute: ComputeInfo, name: string, query: string): string {
  const path = compute.endpoints.invoke.replace('{name}', encodeURIComponent(name))
  return query.trim() ? `${path}?${query.trim().replace(/^\?/, '')}` : path
}

export async function invokeFunction(compute: ComputeInfo, req: InvokeRequest): Promise<InvokeReply> {
  const headers: Record<string, string> = { ...(await identityHeaders(compute)), ...req.headers }
  if (req.body !== null && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = req.contentType
  const path = invokePath(compute, req.name, req.query)
  const started = performance.now()
  let res: Response
  try {
    res = await fetch(runtimeUrl(path), { method: req.method, headers, body: req.method === 'GET' || req.body === null ? undefined : req.body, cache: 'no-store', credentials: 'omit' })
  } catch {
    throw new StudioApiError('unreachable', 'The studio cannot reach the runtime (it may be restarting). Try again in a moment.')
  }
  const body = await res.text()
  const durationMs = Math.round(performance.now() - started)
  return {
    status: res.status,
    statusText: res.statusText,
    headers: [...res.headers.entries()],
    body,
    durationMs,
    executionId: res.headers.get('x-execution-id'),
    sent: { url: `${compute.api_url.replace(/\/$/, '')}${path}`, headers },
  }
}
