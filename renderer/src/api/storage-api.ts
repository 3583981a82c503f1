// renderer/src/api/storage-api.ts — the Storage page's calls to /studio/api/storage (see the server's
// studio/storage-routes.ts). Files are listed, previewed, uploaded, signed and deleted as the simulator's identity
// (X-Studio-Identity); buckets are managed as service_role. Multipart uploads and byte reads need fetch directly,
// so this sits beside studio-api.ts and turns failures into the same ApiCallError.
import { ApiCallError, StudioApiError, studioToken, type ServerErrorBody } from './studio-api'
import { runtimeUrl, studioConnection } from './studio-connection'

export interface BucketInfo {
  id: string
  public: boolean
  allowed_mime_types: string[] | null
  max_file_size: number | null
  object_count: number
  total_size: number
  created_at: string
}

export interface FileInfo {
  id: string
  key: string
  size: number
  content_type: string
  etag: string | null
  cache_control: string | null
  metadata: Record<string, unknown> | null
  owner_id: string | null
  created_at: string
  updated_at: string
}

export interface FolderListing {
  bucket: string
  prefix: string
  files: FileInfo[]
  prefixes: string[]
}

export interface NewBucket {
  name: string
  public: boolean
  max_file_size?: number | null
  allowed_mime_types?: string[] | null
}

const BASE = '/studio/api/storage'

/** Each folder name percent-encoded; "/" stays the separator. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { Authorization: `Bearer ${studioToken()}`, ...extra }
  const identityToken = studioConnection().getIdentityToken()
  if (identityToken) h['X-Studio-Identity'] = identityToken
  return h
}

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response
  try {
    res = await fetch(runtimeUrl(`${BASE}/${path}`), { cache: 'no-store', credentials: 'omit', ...init, headers: headers(init.headers as Record<string, string>) })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new StudioApiError('unreachable', 'The studio cannot reach the runtime (it may be restarting). Try again in a moment.')
  }
  if (res.ok) return res
  let body: ServerErrorBody = {}
  try {
    body = (await res.json()) as ServerErrorBody
  } catch {
    body = { error: res.statusText }
  }
  const words = [body.error ?? body.message ?? `HTTP ${res.status}`, body.hint && `Hint: ${body.hint}`].filter(Boolean).join(' — ')
  throw new ApiCallError(words, res.status, body)
}

const jsonInit = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })

export async function fetchBuckets(): Promise<BucketInfo[]> {
  return ((await (await call('buckets')).json()) as { buckets: BucketInfo[] }).buckets
}

export async function createBucket(input: NewBucket): Promise<void> {
  await call('buckets', jsonInit('POST', input))
}

export async function deleteBucket(name: string, withFiles: boolean): Promise<void> {
  await call(`buckets/${encodeURIComponent(name)}${withFiles ? '?empty=true' : ''}`, { method: 'DELETE' })
}

export async function fetchFolder(bucket: string, prefix: string, signal?: AbortSignal): Promise<FolderListing> {
  return (await (await call(`objects/${encodeURIComponent(bucket)}?prefix=${encodeURIComponent(prefix)}`, { signal })).json()) as FolderListing
}

export async function uploadFile(bucket: string, key: string, file: Blob, upsert: boolean): Promise<FileInfo> {
  const form = new FormData()
  form.append('file', file)
  if (file.type) form.append('content_type', file.type)
  form.append('upsert', String(upsert))
  return (await (await call(`objects/${encodeURIComponent(bucket)}/${encodeKey(key)}`, { method: 'POST', body: form })).json()) as FileInfo
}

export async function deleteFile(bucket: string, key: string): Promise<void> {
  await call(`objects/${encodeURIComponent(bucket)}/${encodeKey(key)}`, { method: 'DELETE' })
}

/** The first `maxBytes` of a file (a Range request), for previews. */
export async function readFileHead(bucket: string, key: string, maxBytes: number, signal?: AbortSignal): Promise<Blob> {
  const res = await call(`objects/${encodeURIComponent(bucket)}/${encodeKey(key)}`, { signal, headers: { Range: `bytes=0-${maxBytes - 1}` } })
  return res.blob()
}

export async function signFile(bucket: string, key: string, expiresIn: number): Promise<{ signed_url: string; expires_at: string }> {
  return (await (await call(`sign/${encodeURIComponent(bucket)}/${encodeKey(key)}`, jsonInit('POST', { expires_in: expiresIn }))).json()) as { signed_url: string; expires_at: string }
}
