// The studio's Storage page API: studio token required, all buckets with counts and sizes, bucket management, and
// files under the RLS simulator's identity (X-Studio-Identity) through the same operations as the app-facing API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import crypto from 'node:crypto'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { upload, uploadForm } from './storage-helpers.js'

let t: TestRuntime
const alice = crypto.randomUUID()
let aliceToken: string

function studio(path: string, init: RequestInit & { as?: string; token?: string | null } = {}): Promise<Response> {
  const { as, token, headers, ...rest } = init
  const h: Record<string, string> = { ...(headers as Record<string, string>) }
  if (token !== null) h.Authorization = `Bearer ${token ?? t.info.studioToken}`
  if (as) h['X-Studio-Identity'] = as
  return fetch(`${t.info.apiUrl}/studio/api/storage/${path}`, { ...rest, headers: h })
}
const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })

beforeAll(async () => {
  t = await startTestRuntime()
  aliceToken = await t.signToken({ sub: alice, role: 'authenticated', email: 'alice@example.com' })
})
afterAll(async () => t?.stop())

describe('studio storage API', () => {
  it('needs the studio token (an API key is not enough)', async () => {
    expect((await studio('buckets', { token: null })).status).toBe(401)
    expect((await studio('buckets', { token: t.info.serviceRoleKey })).status).toBe(401)
  })

  it('creates buckets and lists them all with object counts and sizes', async () => {
    expect((await studio('buckets', json({ name: 'files', public: false }))).status).toBe(201)
    expect((await studio('buckets', json({ name: 'pics', public: true, allowed_mime_types: ['image/*'] }))).status).toBe(201)
    expect((await studio('buckets', json({ name: '../x' }))).status).toBe(400)
    await upload(t, 'files', `${alice}/a.txt`, 'aaa')
    await upload(t, 'files', 'shared/b.txt', 'bbbbb')
    const { buckets } = await (await studio('buckets')).json()
    expect(buckets.map((b: { id: string; object_count: number; total_size: number }) => [b.id, b.object_count, b.total_size])).toEqual([
      ['files', 2, 8],
      ['pics', 0, 0],
    ])
    const put = await studio('buckets/pics', { method: 'PUT', body: JSON.stringify({ max_file_size: 100 }), headers: { 'Content-Type': 'application/json' } })
    expect(await put.json()).toMatchObject({ max_file_size: 100 })
  })

  it('lists one folder at a time, as service_role by default', async () => {
    const root = await (await studio('objects/files')).json()
    expect(root).toMatchObject({ bucket: 'files', prefix: '', files: [], prefixes: [`${alice}/`, 'shared/'] })
    const shared = await (await studio('objects/files?prefix=shared/')).json()
    expect(shared.files.map((f: { key: string }) => f.key)).toEqual(['shared/b.txt'])
  })

  it('as a simulated user, shows, previews and uploads only what the policies allow', async () => {
    await t.admin.query(`
      CREATE POLICY "own folder" ON storage.objects FOR ALL TO authenticated
        USING (bucket_id = 'files' AND (storage.foldername(name))[1] = auth.uid()::text)
        WITH CHECK (bucket_id = 'files' AND (storage.foldername(name))[1] = auth.uid()::text)`)
    const root = await (await studio('objects/files', { as: aliceToken })).json()
    expect(root.prefixes).toEqual([`${alice}/`])
    const preview = await studio(`objects/files/${alice}/a.txt`, { as: aliceToken })
    expect(preview.status).toBe(200)
    expect(preview.headers.get('content-type')).toBe('text/plain')
    expect(await preview.text()).toBe('aaa')
    expect((await studio('objects/files/shared/b.txt', { as: aliceToken })).status).toBe(404)
    const refused = await studio('objects/files/shared/c.txt', { as: aliceToken, method: 'POST', body: uploadForm('x') })
    expect(refused.status).toBe(403)
    expect((await refused.json()).hint).toContain('CREATE POLICY')
    const ok = await studio(`objects/files/${alice}/new.txt`, { as: aliceToken, method: 'POST', body: uploadForm('new') })
    expect(ok.status).toBe(201)
    expect((await ok.json()).owner_id).toBe(alice)
  })

  it('signs URLs that work without the studio, and deletes as the identity', async () => {
    const r = await studio(`sign/files/${alice}/new.txt`, { as: aliceToken, ...json({ expires_in: 120 }) })
    const { signed_url, expires_in } = await r.json()
    expect(expires_in).toBe(120)
    expect(await (await fetch(signed_url)).text()).toBe('new')
    expect((await studio('sign/files/shared/b.txt', { as: aliceToken, ...json({}) })).status).toBe(404)
    expect((await studio('objects/files/shared/b.txt', { as: aliceToken, method: 'DELETE' })).status).toBe(404)
    expect((await studio(`objects/files/${alice}/new.txt`, { as: aliceToken, method: 'DELETE' })).status).toBe(204)
  })

  it('deletes a bucket with its files only when asked to', async () => {
    expect((await studio('buckets/files', { method: 'DELETE' })).status).toBe(409)
    expect((await studio('buckets/files?empty=true', { method: 'DELETE' })).status).toBe(204)
    const { buckets } = await (await studio('buckets')).json()
    expect(buckets.map((b: { id: string }) => b.id)).toEqual(['pics'])
  })

  it('studio actions are in the log, with the identity they ran as', async () => {
    const actions = t.ctx.logs.recent().filter((e) => e.category === 'studio' && e.message.startsWith('studio: storage:'))
    expect(actions.map((e) => e.message)).toEqual(expect.arrayContaining(['studio: storage: create bucket', 'studio: storage: upload', 'studio: storage: sign', 'studio: storage: delete bucket']))
    expect(actions.find((e) => e.message === 'studio: storage: upload')?.fields).toMatchObject({ identity: 'alice@example.com' })
  })
})
