// Buckets: create / get / list / update / delete over the API, who may do each (service key, app role "admin", not
// ordinary users), the 409s, and buckets made Supabase-style by SQL (file_size_limit) enforced like the API's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import crypto from 'node:crypto'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { storageGet, storageJson, upload } from './storage-helpers.js'

let t: TestRuntime
let user: string
let admin: string

beforeAll(async () => {
  t = await startTestRuntime()
  user = await t.signToken({ sub: crypto.randomUUID(), role: 'authenticated' })
  admin = await t.signToken({ sub: crypto.randomUUID(), role: 'admin' })
})
afterAll(async () => t?.stop())

describe('buckets', () => {
  it('create → 201 with the settings; again → 409', async () => {
    const r = await storageJson(t, 'POST', 'buckets/photos', { public: true, allowed_mime_types: ['image/*'], max_file_size: 1024 })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ id: 'photos', name: 'photos', bucket: 'photos', public: true, allowed_mime_types: ['image/*'], max_file_size: 1024, file_size_limit: 1024 })
    const again = await storageJson(t, 'POST', 'buckets/photos', {})
    expect(again.status).toBe(409)
    expect((await again.json()).error).toBe('bucket "photos" already exists')
  })

  it('create with no body (the SDK sends none) and Supabase-style POST /buckets {name}', async () => {
    expect((await storageJson(t, 'POST', 'buckets/plain')).status).toBe(201)
    const r = await storageJson(t, 'POST', 'buckets', { name: 'supa', public: false, file_size_limit: '1MB' })
    expect(r.status).toBe(201)
    expect((await r.json()).max_file_size).toBe(1024 * 1024)
  })

  it('get (the SDK getBucket, unrouted upstream) and list', async () => {
    expect(await (await storageGet(t, 'buckets/photos')).json()).toMatchObject({ id: 'photos', public: true })
    expect((await storageGet(t, 'buckets/ghost')).status).toBe(404)
    const { buckets } = await (await storageGet(t, 'buckets')).json()
    expect(buckets.map((b: { id: string }) => b.id)).toEqual(['photos', 'plain', 'supa'])
  })

  it('update changes only what is given; PUT with nothing is a 400', async () => {
    const r = await storageJson(t, 'PUT', 'buckets/photos', { public: false, max_file_size: null })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ public: false, max_file_size: null, allowed_mime_types: ['image/*'] })
    expect((await storageJson(t, 'PUT', 'buckets/photos', {})).status).toBe(400)
    expect((await storageJson(t, 'PUT', 'buckets/photos')).status).toBe(400)
    expect((await storageJson(t, 'PUT', 'buckets/ghost', { public: true })).status).toBe(404)
  })

  it('refuses bad names and bad settings with words', async () => {
    for (const name of ['.x', 'a%2Fb', 'buckets', '%20x', 'a%00']) {
      const r = await storageJson(t, 'POST', `buckets/${name}`, {})
      expect(r.status, name).toBe(400)
    }
    const r = await storageJson(t, 'POST', 'buckets/ok-name', { max_file_size: 'lots' })
    expect(r.status).toBe(400)
    expect((await r.json()).error).toContain('max_file_size')
  })

  it('delete → 204; a bucket that still holds objects → 409', async () => {
    await upload(t, 'plain', 'x.txt', 'x')
    const busy = await storageJson(t, 'DELETE', 'buckets/plain')
    expect(busy.status).toBe(409)
    expect((await busy.json()).code).toBe('BUCKET_NOT_EMPTY')
    await storageJson(t, 'DELETE', 'plain/x.txt')
    expect((await storageJson(t, 'DELETE', 'buckets/plain')).status).toBe(204)
    expect((await storageJson(t, 'DELETE', 'buckets/plain')).status).toBe(404)
  })

  it('ordinary users cannot create, change, delete or list buckets; they can get a public one', async () => {
    const created = await storageJson(t, 'POST', 'buckets/mine', {}, user)
    expect(created.status).toBe(403)
    expect((await created.json()).hint).toContain('admins manage buckets')
    expect((await storageJson(t, 'PUT', 'buckets/supa', { public: true }, user)).status).toBe(404) // private: not even visible
    await storageJson(t, 'PUT', 'buckets/photos', { public: true })
    expect((await storageJson(t, 'PUT', 'buckets/photos', { public: false }, user)).status).toBe(403)
    expect((await storageJson(t, 'DELETE', 'buckets/photos', undefined, user)).status).toBe(403)
    expect((await storageGet(t, 'buckets', user)).status).toBe(403)
    expect((await storageGet(t, 'buckets', null)).status).toBe(403)
    expect((await storageGet(t, 'buckets/photos', user)).status).toBe(200)
    expect((await storageGet(t, 'buckets/supa', user)).status).toBe(404)
  })

  it('app role "admin" manages buckets as upstream', async () => {
    expect((await storageJson(t, 'POST', 'buckets/admins', {}, admin)).status).toBe(201)
    expect((await storageGet(t, 'buckets', admin)).status).toBe(200)
    expect((await storageJson(t, 'DELETE', 'buckets/admins', undefined, admin)).status).toBe(204)
  })

  it('a bucket made Supabase-style in SQL works, its file_size_limit enforced', async () => {
    await t.admin.query("INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types) VALUES ('sql-made', 'sql-made', true, 5, ARRAY['text/plain'])")
    expect(await (await storageGet(t, 'buckets/sql-made')).json()).toMatchObject({ max_file_size: 5, file_size_limit: 5 })
    expect((await upload(t, 'sql-made', 'ok.txt', '12345')).status).toBe(201)
    expect((await upload(t, 'sql-made', 'big.txt', '123456')).status).toBe(413)
    expect((await upload(t, 'sql-made', 'x.png', '1')).status).toBe(415)
    await t.admin.query("UPDATE storage.buckets SET file_size_limit = 100 WHERE id = 'sql-made'")
    expect((await upload(t, 'sql-made', 'big.txt', '123456')).status).toBe(201)
    // A name the API could never route is refused by the table itself.
    await expect(t.admin.query("INSERT INTO storage.buckets (id, name) VALUES ('../x', '../x')")).rejects.toThrow('buckets_id_valid')
  })
})
