// functions/deno-host/handler-clients.ts — the clients a function's handler receives (`fluxbase`,
// `fluxbaseService`) and the global `createClient`: the SDK's call shapes over the same wire contract, bundled
// into the Deno host (no network needed to load them). The query builder is @supabase/postgrest-js pointed at
// /api/v1/tables; rpc, storage, functions and auth are the few plain requests the SDK itself makes.
import { PostgrestBuilder, PostgrestClient } from '@supabase/postgrest-js'

type Result<T> = { data: T | null; error: (Error & { status?: number; details?: unknown }) | null }

// The SDK's builders also offer .execute(); postgrest-js builders are thenables, so execute() is that promise.
const builderProto = PostgrestBuilder.prototype as unknown as { execute?: () => Promise<unknown>; then: (f: (v: unknown) => unknown) => Promise<unknown> }
if (!builderProto.execute) builderProto.execute = function (this: typeof builderProto) {
  return this.then((r) => r)
}

async function readBody(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? ''
  const text = await res.text()
  if (type.includes('application/json') && text) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

function httpError(res: Response, body: unknown): Error & { status: number; details: unknown } {
  const message = body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : res.statusText || `HTTP ${res.status}`
  return Object.assign(new Error(message), { status: res.status, details: body })
}

async function settle<T>(res: Promise<Response>, pick: (body: unknown) => T = (b) => b as T): Promise<Result<T>> {
  try {
    const r = await res
    const body = await readBody(r)
    if (!r.ok) return { data: null, error: httpError(r, body) }
    return { data: pick(body), error: null }
  } catch (err) {
    return { data: null, error: err as Error }
  }
}

export interface InvokeOptions {
  body?: unknown
  headers?: Record<string, string>
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  namespace?: string
}

export function createClient(url?: string, key?: string) {
  const env = (globalThis as unknown as { Deno?: { env: { get(k: string): string | undefined } } }).Deno?.env
  const base = (url ?? env?.get('FLUXBASE_URL') ?? '').replace(/\/+$/, '')
  const token = key ?? env?.get('FLUXBASE_ANON_KEY') ?? env?.get('FLUXBASE_SERVICE_TOKEN') ?? env?.get('FLUXBASE_JOB_TOKEN') ?? ''
  if (!base) throw new Error('createClient needs a URL (or FLUXBASE_URL in the environment)')
  const headers: Record<string, string> = { apikey: token, Authorization: `Bearer ${token}` }
  const api = `${base}/api/v1`
  const rest = new PostgrestClient(`${api}/tables`, { headers })
  const send = (path: string, init: RequestInit = {}) => fetch(api + path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } })
  const json = (path: string, method: string, body: unknown) => send(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/')

  function storageBucket(bucket: string) {
    const b = encodeURIComponent(bucket)
    return {
      upload(path: string, file: Blob | ArrayBuffer | Uint8Array | string, options: { contentType?: string; upsert?: boolean; cacheControl?: string; metadata?: Record<string, unknown> } = {}) {
        const form = new FormData()
        const blob = file instanceof Blob ? file : new Blob([file as Uint8Array<ArrayBuffer>], { type: options.contentType ?? 'application/octet-stream' })
        form.append('file', blob, path.split('/').pop() || 'file')
        if (options.contentType) form.append('content_type', options.contentType)
        if (options.upsert) form.append('upsert', 'true')
        if (options.cacheControl) form.append('cache_control', options.cacheControl)
        if (options.metadata) form.append('metadata', JSON.stringify(options.metadata))
        return settle(send(`/storage/${b}/${encodePath(path)}`, { method: 'POST', body: form }))
      },
      async download(path: string): Promise<Result<Blob>> {
        try {
          const r = await send(`/storage/${b}/${encodePath(path)}`)
          if (!r.ok) return { data: null, error: httpError(r, await readBody(r)) }
          return { data: await r.blob(), error: null }
        } catch (err) {
          return { data: null, error: err as Error }
        }
      },
      list(prefix = '', options: { limit?: number; offset?: number } = {}) {
        const q = new URLSearchParams()
        if (prefix) q.set('prefix', prefix)
        if (options.limit !== undefined) q.set('limit', String(options.limit))
        if (options.offset !== undefined) q.set('offset', String(options.offset))
        return settle(send(`/storage/${b}${q.size ? `?${q}` : ''}`), (body) => (body as { files?: unknown; objects?: unknown }).files ?? (body as { objects?: unknown }).objects ?? [])
      },
      async remove(paths: string[]): Promise<Result<unknown[]>> {
        const removed: unknown[] = []
        for (const p of paths) {
          const r = await settle(send(`/storage/${b}/${encodePath(p)}`, { method: 'DELETE' }))
          if (r.error) return { data: null, error: r.error }
          removed.push({ name: p })
        }
        return { data: removed, error: null }
      },
      createSignedUrl(path: string, expiresIn = 900) {
        return settle(json(`/storage/${b}/sign/${encodePath(path)}`, 'POST', { expires_in: expiresIn }), (body) => {
          const url = (body as { signed_url?: string }).signed_url ?? ''
          return { signedUrl: url.startsWith('/') ? base + url : url }
        })
      },
      getPublicUrl(path: string) {
        return { data: { publicUrl: `${api}/storage/${b}/${encodePath(path)}` } }
      },
    }
  }

  return {
    from: (table: string) => rest.from(table),
    schema: (name: string) => rest.schema(name),
    rpc(fn: string, params: Record<string, unknown> = {}, options: { namespace?: string; async?: boolean } = {}) {
      const [ns, name] = fn.includes('/') ? fn.split('/', 2) : [options.namespace ?? 'default', fn]
      return settle(json(`/rpc/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`, 'POST', { params, ...(options.async ? { async: true } : {}) }), (body) =>
        options.async ? body : ((body as { result?: unknown }).result ?? body),
      )
    },
    storage: { from: storageBucket },
    functions: {
      invoke(name: string, options: InvokeOptions = {}) {
        const method = options.method ?? 'POST'
        const h: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers }
        let body: RequestInit['body']
        if (method !== 'GET' && method !== 'DELETE' && options.body) {
          if (options.body instanceof FormData) {
            delete h['Content-Type']
            body = options.body
          } else body = JSON.stringify(options.body)
        }
        const q = options.namespace ? `?namespace=${encodeURIComponent(options.namespace)}` : ''
        return settle(send(`/functions/${name}/invoke${q}`, { method, headers: h, body }))
      },
    },
    auth: {
      getUser() {
        return settle(send('/auth/user'), (user) => ({ user }))
      },
    },
  }
}

export type FluxbaseClient = ReturnType<typeof createClient>
