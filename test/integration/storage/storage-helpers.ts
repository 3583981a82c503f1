// Helpers for the storage integration tests: requests shaped as the SDK sends them (FormData with the file first,
// then content_type / metadata / cache_control / upsert), and a look at the store on disk.
import fs from 'node:fs'
import path from 'node:path'
import type { TestRuntime } from '../../helpers/runtime.js'

export interface UploadOpts {
  token?: string
  contentType?: string
  partType?: string
  metadata?: Record<string, unknown>
  cacheControl?: string
  upsert?: boolean
  method?: 'POST' | 'PUT'
}

export function uploadForm(body: BlobPart, opts: UploadOpts = {}): FormData {
  const form = new FormData()
  form.append('file', new Blob([body], opts.partType ? { type: opts.partType } : {}))
  if (opts.contentType) form.append('content_type', opts.contentType)
  if (opts.metadata) form.append('metadata', JSON.stringify(opts.metadata))
  if (opts.cacheControl) form.append('cache_control', opts.cacheControl)
  if (opts.upsert !== undefined) form.append('upsert', String(opts.upsert))
  return form
}

/** Each folder name percent-encoded, as a careful client would. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

export function upload(t: TestRuntime, bucket: string, key: string, body: BlobPart, opts: UploadOpts = {}): Promise<Response> {
  return fetch(`${t.info.apiUrl}/api/v1/storage/${bucket}/${encodeKey(key)}`, {
    method: opts.method ?? 'POST',
    headers: { Authorization: `Bearer ${opts.token ?? t.info.serviceRoleKey}` },
    body: uploadForm(body, opts),
  })
}

export function storageGet(t: TestRuntime, pathAndQuery: string, token?: string | null, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  const auth: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token ?? t.info.serviceRoleKey}` }
  return fetch(`${t.info.apiUrl}/api/v1/storage/${pathAndQuery}`, { method, headers: { ...auth, ...headers } })
}

export function storageJson(t: TestRuntime, method: string, pathAndQuery: string, body?: unknown, token?: string | null): Promise<Response> {
  const auth: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token ?? t.info.serviceRoleKey}` }
  return fetch(`${t.info.apiUrl}/api/v1/storage/${pathAndQuery}`, {
    method,
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

export async function createBucket(t: TestRuntime, name: string, settings: Record<string, unknown> = {}): Promise<void> {
  const r = await storageJson(t, 'POST', `buckets/${name}`, settings)
  if (r.status !== 201) throw new Error(`createBucket ${name}: ${r.status} ${await r.text()}`)
}

/** Every file in DATA_DIR/storage/objects (fan-out folders flattened). */
export function filesOnDisk(t: TestRuntime): string[] {
  const dir = path.join(t.info.dataDir, 'storage', 'objects')
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir).flatMap((fan) => fs.readdirSync(path.join(dir, fan)).map((f) => path.join(dir, fan, f)))
}

export function tempFiles(t: TestRuntime): string[] {
  const dir = path.join(t.info.dataDir, 'storage', 'tmp')
  return fs.existsSync(dir) ? fs.readdirSync(dir) : []
}
