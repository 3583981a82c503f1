// renderer/src/api/studio-api.ts — every call the studio's features make: the studio API (/studio/api/…, with the
// studio token, and the active identity in X-Studio-Identity) and the app-facing REST API (/api/v1/…, with the
// identity's access token, or the service-role key by default). Failures become StudioApiError with the server's
// own words (error, hint, details), so every feature can show them where the action was taken.
import { StudioApiError } from './studio-http'
import { runtimeUrl, studioConnection } from './studio-connection'

export { StudioApiError }

export interface ServerErrorBody {
  error?: string
  message?: string
  hint?: string
  details?: string
  code?: string
}

export class ApiCallError extends StudioApiError {
  constructor(
    message: string,
    status: number,
    readonly body: ServerErrorBody,
  ) {
    super(status === 401 ? 'unauthorized' : 'http', message, status)
    this.name = 'ApiCallError'
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
  /** Send the active identity (default true): the call runs as the user the simulator is set to. */
  asIdentity?: boolean
  /** How restCall reads a JSON body (default JSON.parse), e.g. keeping digits JS numbers would round. */
  parse?: (text: string) => unknown
}

async function send(path: string, headers: Record<string, string>, options: CallOptions): Promise<Response> {
  const init: RequestInit = { method: options.method ?? (options.body === undefined ? 'GET' : 'POST'), headers: { ...headers, ...options.headers }, signal: options.signal, cache: 'no-store', credentials: 'omit' }
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body)
    ;(init.headers as Record<string, string>)['Content-Type'] = 'application/json'
  }
  try {
    return await fetch(runtimeUrl(path), init)
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new StudioApiError('unreachable', 'The studio cannot reach the runtime (it may be restarting). Try again in a moment.')
  }
}

async function failure(res: Response): Promise<ApiCallError> {
  let body: ServerErrorBody = {}
  try {
    body = (await res.json()) as ServerErrorBody
  } catch {
    body = { error: res.statusText }
  }
  const words = [body.error ?? body.message ?? `HTTP ${res.status}`, body.details, body.hint && `Hint: ${body.hint}`].filter(Boolean).join(' — ')
  return new ApiCallError(words, res.status, body)
}

/** The studio token, or the error every caller shows when there is none. */
export function studioToken(): string {
  const token = studioConnection().getToken()
  if (!token) throw new StudioApiError('unauthorized', 'No studio token: open the studio from the URL the runtime printed.')
  return token
}

function studioHeaders(asIdentity: boolean): Record<string, string> {
  const headers: Record<string, string> = { Authorization: `Bearer ${studioToken()}` }
  const identityToken = studioConnection().getIdentityToken()
  if (asIdentity && identityToken) headers['X-Studio-Identity'] = identityToken
  return headers
}

/** A call to the studio API; resolves to parsed JSON. */
export async function studioCall<T>(path: string, options: CallOptions = {}): Promise<T> {
  const res = await send(path, studioHeaders(options.asIdentity ?? true), options)
  if (!res.ok) throw await failure(res)
  return (await res.json()) as T
}

/** The Bearer token the app-facing API gets: the identity's access token, or the service-role key. */
export function apiBearer(): string {
  const { getIdentityToken, getServiceRoleKey } = studioConnection()
  const bearer = getIdentityToken() ?? getServiceRoleKey()
  if (!bearer) throw new StudioApiError('unreachable', 'The runtime has not answered yet.')
  return bearer
}

export interface RestResult<T> {
  data: T
  headers: Headers
  status: number
}

/** A call to the app-facing API (/api/v1/…), exactly as an app would make it, as the active identity. */
export async function restCall<T>(path: string, options: CallOptions = {}): Promise<RestResult<T>> {
  const res = await send(path, { Authorization: `Bearer ${apiBearer()}` }, options)
  if (!res.ok) throw await failure(res)
  const text = await res.text()
  return { data: (text ? (options.parse ?? JSON.parse)(text) : null) as T, headers: res.headers, status: res.status }
}
