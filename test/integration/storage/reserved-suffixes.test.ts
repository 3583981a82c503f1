// The SDK calls spelled "{key}/{action}" and X-Metadata-Only, sent exactly as @fluxbase/sdk sends them
// (admin.storage.generateSignedUrl / getObjectMetadata: JSON headers, each key segment encodeURIComponent'd).
// Before the fix, `POST …/{key}/signed-url` stored a new object named "{key}/signed-url" holding the JSON body, and
// X-Metadata-Only was ignored (bytes came back). Every upload form refuses keys that would collide with these URLs.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, encodeKey, storageGet, storageJson, upload } from './storage-helpers.js'

let t: TestRuntime
beforeAll(async () => {
  t = await startTestRuntime()
  await createBucket(t, 'docs')
  expect((await upload(t, 'docs', 'reports/q1 2026.txt', 'quarter one')).status).toBe(201)
})
afterAll(async () => t?.stop())

/** The SDK's FluxbaseFetch: JSON content type and apikey on every call, the key in the Bearer header. */
function sdkPost(path: string, body: unknown): Promise<Response> {
  return fetch(`${t.info.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', apikey: t.info.anonKey, Authorization: `Bearer ${t.info.serviceRoleKey}` },
    body: JSON.stringify(body),
  })
}

async function objectCount(): Promise<number> {
  const { rows } = await t.admin.query<{ n: string }>("SELECT count(*)::text AS n FROM storage.objects WHERE bucket_id = 'docs'")
  return Number(rows[0]!.n)
}

describe('generateSignedUrl: POST …/{key}/signed-url', () => {
  it('answers {url, expires_in} and the URL serves the object; no object named "…/signed-url" appears', async () => {
    const before = await objectCount()
    const r = await sdkPost(`/api/v1/storage/docs/${encodeKey('reports/q1 2026.txt')}/signed-url`, { expires_in: 120 })
    expect(r.status).toBe(200)
    const data = (await r.json()) as { url: string; expires_in: number; signed_url: string }
    expect(data.expires_in).toBe(120)
    expect(data.signed_url).toBe(data.url)
    expect(await (await fetch(data.url)).text()).toBe('quarter one')
    expect(await objectCount()).toBe(before)
    const { rowCount } = await t.admin.query("SELECT 1 FROM storage.objects WHERE path LIKE '%signed-url%'")
    expect(rowCount).toBe(0)
  })

  it('a missing object is a 404 naming it, and still stores nothing', async () => {
    const before = await objectCount()
    const r = await sdkPost('/api/v1/storage/docs/nope.txt/signed-url', { expires_in: 60 })
    expect(r.status).toBe(404)
    expect((await r.json()).error).toBe('object "docs/nope.txt" not found')
    expect(await objectCount()).toBe(before)
  })

  it('a bad expires_in is a 400 naming the field', async () => {
    const r = await sdkPost(`/api/v1/storage/docs/${encodeKey('reports/q1 2026.txt')}/signed-url`, { expires_in: -5 })
    expect(r.status).toBe(400)
    expect((await r.json()).error).toMatch(/^expires_in must be a whole number/)
  })

  it('the caller must be able to read the object (anon cannot sign a private file)', async () => {
    const r = await fetch(`${t.info.apiUrl}/api/v1/storage/docs/${encodeKey('reports/q1 2026.txt')}/signed-url`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t.info.anonKey}` },
      body: JSON.stringify({ expires_in: 60 }),
    })
    expect(r.status).toBe(404)
  })
})

describe('getObjectMetadata: X-Metadata-Only', () => {
  it('answers the object row as JSON, not the bytes', async () => {
    const r = await storageGet(t, `docs/${encodeKey('reports/q1 2026.txt')}`, undefined, { 'X-Metadata-Only': 'true', 'Content-Type': 'application/json' })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await r.json()).toMatchObject({ key: 'reports/q1 2026.txt', bucket: 'docs', size: 11, content_type: 'text/plain' })
  })

  it('a missing object is a 404; without the header the bytes come back as before', async () => {
    expect((await storageGet(t, 'docs/none.txt', undefined, { 'X-Metadata-Only': 'true' })).status).toBe(404)
    expect(await (await storageGet(t, `docs/${encodeKey('reports/q1 2026.txt')}`)).text()).toBe('quarter one')
  })
})

describe('keys that collide with SDK call URLs are refused in every upload form', () => {
  const reserved = ['a/signed-url', 'a/share', 'a/shares', `a/share/${crypto.randomUUID()}`, `chunked/${crypto.randomUUID()}/0`]
  for (const key of reserved) {
    it(`multipart, raw, stream and PUT uploads of "${key}" → 400 RESERVED_KEY`, async () => {
      const multipart = await upload(t, 'docs', key, 'x')
      expect(multipart.status).toBe(400)
      const body = await multipart.json()
      expect(body.code).toBe('RESERVED_KEY')
      expect(body.error).toMatch(/^an object path cannot (end|start) in|^an object path cannot start with/)
      const stream = await fetch(`${t.info.apiUrl}/api/v1/storage/docs/stream/${encodeKey(key)}`, { method: 'POST', headers: { Authorization: `Bearer ${t.info.serviceRoleKey}`, 'Content-Type': 'application/octet-stream' }, body: 'x' })
      // uploadStream('a/share') and share('stream/a') are the same request; either way nothing is stored.
      expect(stream.status).toBeGreaterThanOrEqual(400)
      const put = await upload(t, 'docs', key, 'x', { method: 'PUT' })
      expect([400, 404, 501]).toContain(put.status)
      const { rowCount } = await t.admin.query('SELECT 1 FROM storage.objects WHERE path = $1', [key])
      expect(rowCount).toBe(0)
    })
  }

  it('copy and move to a reserved key are refused too', async () => {
    const r = await storageJson(t, 'POST', 'docs/copy', { from_path: 'reports/q1 2026.txt', to_path: 'reports/signed-url' })
    expect(r.status).toBe(400)
    expect((await r.json()).code).toBe('RESERVED_KEY')
  })

  it('a root-level key named like an action word is an ordinary key', async () => {
    expect((await upload(t, 'docs', 'shares', 'top')).status).toBe(201)
    expect(await (await storageGet(t, 'docs/shares')).text()).toBe('top')
  })
})
