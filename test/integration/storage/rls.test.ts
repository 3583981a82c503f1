// Storage metadata under the caller's RLS, exactly as for tables: the "users manage files under their own user_id/
// prefix" policy with two users, anon on public and private buckets, service_role bypassing, both RLS conventions
// (auth.uid() and the guide's app.user_id), and a policy whose own expression fails (400, not 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import crypto from 'node:crypto'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, storageGet, storageJson, upload } from './storage-helpers.js'

let t: TestRuntime
const alice = crypto.randomUUID()
const bob = crypto.randomUUID()
const tokens: Record<string, string | null> = {}

beforeAll(async () => {
  t = await startTestRuntime()
  tokens.alice = await t.signToken({ sub: alice, role: 'authenticated', email: 'alice@example.com' })
  tokens.bob = await t.signToken({ sub: bob, role: 'authenticated', email: 'bob@example.com' })
  tokens.anon = t.info.anonKey
  tokens.none = null
  tokens.service = t.info.serviceRoleKey
  await createBucket(t, 'private-files')
  await createBucket(t, 'public-assets', { public: true })
  await createBucket(t, 'guide-files')
  await createBucket(t, 'uuid-files')
  await createBucket(t, 'dropbox')
  // Written as the Supabase docs and the guide write them.
  await t.admin.query(`
    CREATE POLICY "own folder: read" ON storage.objects FOR SELECT TO authenticated
      USING (bucket_id = 'private-files' AND (storage.foldername(name))[1] = auth.uid()::text);
    CREATE POLICY "own folder: upload" ON storage.objects FOR INSERT TO authenticated
      WITH CHECK (bucket_id = 'private-files' AND (storage.foldername(name))[1] = auth.uid()::text);
    CREATE POLICY "own folder: update" ON storage.objects FOR UPDATE TO authenticated
      USING (bucket_id = 'private-files' AND (storage.foldername(name))[1] = auth.uid()::text)
      WITH CHECK (bucket_id = 'private-files' AND (storage.foldername(name))[1] = auth.uid()::text);
    CREATE POLICY "own folder: delete" ON storage.objects FOR DELETE TO authenticated
      USING (bucket_id = 'private-files' AND (storage.foldername(name))[1] = auth.uid()::text);
    CREATE POLICY "users upload public assets" ON storage.objects FOR INSERT TO authenticated
      WITH CHECK (bucket_id = 'public-assets');
    CREATE POLICY "guide: own files" ON storage.objects FOR ALL TO authenticated
      USING (bucket_id = 'guide-files' AND owner_id::text = current_setting('app.user_id', true))
      WITH CHECK (bucket_id = 'guide-files' AND owner_id::text = current_setting('app.user_id', true));
    CREATE POLICY "dropbox: write only" ON storage.objects FOR INSERT TO authenticated
      WITH CHECK (bucket_id = 'dropbox');
    CREATE POLICY "uuid folders" ON storage.objects FOR INSERT TO authenticated
      WITH CHECK (bucket_id = 'uuid-files' AND (storage.foldername(name))[1]::uuid = auth.uid());
  `)
  expect((await upload(t, 'private-files', `${alice}/diary.txt`, 'alice secret', { token: tokens.alice! })).status).toBe(201)
  expect((await upload(t, 'private-files', `${bob}/notes.txt`, 'bob secret', { token: tokens.bob! })).status).toBe(201)
  expect((await upload(t, 'public-assets', 'logo.png', 'png', { token: tokens.service! })).status).toBe(201)
})
afterAll(async () => t?.stop())

type Who = 'alice' | 'bob' | 'anon' | 'none' | 'service'
interface Scenario {
  name: string
  as: Who
  run: () => Promise<Response>
  expect: { status: number; body?: string; code?: string; keys?: string[] }
}

const read = (p: string, as: Who) => () => storageGet(t, p, tokens[as])
const list = (bucket: string, as: Who) => () => storageGet(t, `${bucket}?limit=100`, tokens[as])

const scenarios: Scenario[] = [
  { name: 'alice reads her file', as: 'alice', run: () => read(`private-files/${alice}/diary.txt`, 'alice')(), expect: { status: 200, body: 'alice secret' } },
  { name: "bob cannot see alice's file (404, no existence leak)", as: 'bob', run: () => read(`private-files/${alice}/diary.txt`, 'bob')(), expect: { status: 404, code: 'OBJECT_NOT_FOUND' } },
  { name: 'anon cannot see a private file', as: 'anon', run: () => read(`private-files/${alice}/diary.txt`, 'anon')(), expect: { status: 404 } },
  { name: 'no token at all is anon', as: 'none', run: () => read(`private-files/${alice}/diary.txt`, 'none')(), expect: { status: 404 } },
  { name: 'service_role bypasses RLS', as: 'service', run: () => read(`private-files/${alice}/diary.txt`, 'service')(), expect: { status: 200, body: 'alice secret' } },
  { name: 'alice lists only her folder', as: 'alice', run: list('private-files', 'alice'), expect: { status: 200, keys: [`${alice}/diary.txt`] } },
  { name: 'bob lists only his folder', as: 'bob', run: list('private-files', 'bob'), expect: { status: 200, keys: [`${bob}/notes.txt`] } },
  { name: 'anon lists nothing in a private bucket', as: 'anon', run: list('private-files', 'anon'), expect: { status: 200, keys: [] } },
  { name: 'anon reads a public bucket', as: 'anon', run: read('public-assets/logo.png', 'anon'), expect: { status: 200, body: 'png' } },
  { name: 'no token reads a public bucket', as: 'none', run: read('public-assets/logo.png', 'none'), expect: { status: 200, body: 'png' } },
  { name: 'anon lists a public bucket', as: 'anon', run: list('public-assets', 'anon'), expect: { status: 200, keys: ['logo.png'] } },
  { name: 'alice reads a public bucket', as: 'alice', run: read('public-assets/logo.png', 'alice'), expect: { status: 200 } },
  {
    name: "alice cannot upload into bob's folder",
    as: 'alice',
    run: () => upload(t, 'private-files', `${bob}/planted.txt`, 'x', { token: tokens.alice! }),
    expect: { status: 403, code: '42501' },
  },
  { name: 'anon cannot upload to a private bucket', as: 'anon', run: () => upload(t, 'private-files', 'anon.txt', 'x', { token: tokens.anon! }), expect: { status: 403 } },
  { name: 'anon cannot upload to a public bucket (public means readable)', as: 'anon', run: () => upload(t, 'public-assets', 'anon.png', 'x', { token: tokens.anon! }), expect: { status: 403 } },
  { name: 'alice may upload public assets', as: 'alice', run: () => upload(t, 'public-assets', 'by-alice.png', 'x', { token: tokens.alice! }), expect: { status: 201 } },
  { name: 'anon cannot delete from a public bucket (403: seen, not deletable)', as: 'anon', run: () => storageJson(t, 'DELETE', 'public-assets/logo.png', undefined, tokens.anon), expect: { status: 403 } },
  { name: "bob cannot delete alice's file", as: 'bob', run: () => storageJson(t, 'DELETE', `private-files/${alice}/diary.txt`, undefined, tokens.bob), expect: { status: 404 } },
  { name: "bob cannot sign alice's file", as: 'bob', run: () => storageJson(t, 'POST', `private-files/sign/${alice}/diary.txt`, { expires_in: 60 }, tokens.bob), expect: { status: 404 } },
  {
    name: "bob cannot move alice's file",
    as: 'bob',
    run: () => storageJson(t, 'POST', 'private-files/move', { from_path: `${alice}/diary.txt`, to_path: `${bob}/stolen.txt` }, tokens.bob),
    expect: { status: 404 },
  },
  {
    name: "alice cannot move her file into bob's folder (WITH CHECK)",
    as: 'alice',
    run: () => storageJson(t, 'POST', 'private-files/move', { from_path: `${alice}/diary.txt`, to_path: `${bob}/gift.txt` }, tokens.alice),
    expect: { status: 403 },
  },
  {
    name: "bob cannot copy alice's file",
    as: 'bob',
    run: () => storageJson(t, 'POST', 'private-files/copy', { from_path: `${alice}/diary.txt`, to_path: `${bob}/copy.txt` }, tokens.bob),
    expect: { status: 404 },
  },
  {
    name: 'alice replaces her own file (upsert: SELECT + INSERT + UPDATE)',
    as: 'alice',
    run: () => upload(t, 'private-files', `${alice}/diary.txt`, 'alice secret', { token: tokens.alice!, upsert: true }),
    expect: { status: 201 },
  },
  {
    name: "bob cannot overwrite alice's file with upsert",
    as: 'bob',
    run: () => upload(t, 'private-files', `${alice}/diary.txt`, 'pwned', { token: tokens.bob!, upsert: true }),
    expect: { status: 403 },
  },
  {
    name: 'a policy that casts a folder name to uuid fails as a 400, never a 500',
    as: 'alice',
    run: () => upload(t, 'uuid-files', 'not-a-uuid/x.txt', 'x', { token: tokens.alice! }),
    expect: { status: 400, code: '22P02' },
  },
  { name: 'the same policy admits her uuid folder', as: 'alice', run: () => upload(t, 'uuid-files', `${alice}/x.txt`, 'x', { token: tokens.alice! }), expect: { status: 201 } },
  { name: 'a write-only bucket takes uploads without a SELECT policy', as: 'alice', run: () => upload(t, 'dropbox', 'report.txt', 'r', { token: tokens.alice! }), expect: { status: 201 } },
  { name: 'and what went in cannot be read back by its writer', as: 'alice', run: read('dropbox/report.txt', 'alice'), expect: { status: 404 } },
  { name: "the guide's app.user_id convention works (owner_id set by the server)", as: 'bob', run: () => upload(t, 'guide-files', 'anything/b.txt', 'b', { token: tokens.bob! }), expect: { status: 201 } },
  { name: "app.user_id: alice does not see bob's guide file", as: 'alice', run: read('guide-files/anything/b.txt', 'alice'), expect: { status: 404 } },
  { name: 'app.user_id: bob sees his guide file', as: 'bob', run: read('guide-files/anything/b.txt', 'bob'), expect: { status: 200, body: 'b' } },
]

describe('storage under RLS', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const r = await s.run()
    const text = await r.text()
    expect(r.status, text).toBe(s.expect.status)
    if (s.expect.body !== undefined) expect(text).toBe(s.expect.body)
    if (s.expect.code) expect(JSON.parse(text).code).toBe(s.expect.code)
    if (s.expect.keys) expect(JSON.parse(text).files.map((f: { key: string }) => f.key)).toEqual(s.expect.keys)
  })

  it('a refusal explains which policy is missing', async () => {
    const r = await upload(t, 'private-files', `${bob}/planted2.txt`, 'x', { token: tokens.alice! })
    expect(await r.json()).toMatchObject({
      error: `row-level security refused to upload "private-files/${bob}/planted2.txt"`,
      details: 'new row violates row-level security policy for table "objects"',
      hint: expect.stringContaining("CREATE POLICY \"…\" ON storage.objects FOR INSERT TO authenticated WITH CHECK (bucket_id = 'private-files' AND (storage.foldername(name))[1] = auth.uid()::text)"),
    })
  })

  it('a refused upload leaves neither a row nor a file behind', async () => {
    const { rows } = await t.admin.query("SELECT count(*)::int AS n FROM storage.objects WHERE path LIKE '%planted%' OR path LIKE 'anon%'")
    expect(rows[0].n).toBe(0)
    const { rows: all } = await t.admin.query('SELECT count(*)::int AS n FROM storage.objects')
    const fs = await import('node:fs')
    const path = await import('node:path')
    const dir = path.join(t.info.dataDir, 'storage', 'objects')
    const files = fs.readdirSync(dir).flatMap((f) => fs.readdirSync(path.join(dir, f)))
    expect(files.length).toBe(all[0].n)
  })

  it('the owner is recorded, and a signed URL from alice works for anyone', async () => {
    const { rows } = await t.admin.query('SELECT owner_id::text, owner::text FROM storage.objects WHERE path = $1', [`${alice}/diary.txt`])
    expect(rows).toEqual([{ owner_id: alice, owner: alice }])
    const { signed_url } = await (await storageJson(t, 'POST', `private-files/sign/${alice}/diary.txt`, { expires_in: 60 }, tokens.alice)).json()
    expect(await (await fetch(signed_url)).text()).toBe('alice secret')
  })

  it('alice deletes her own file', async () => {
    expect((await storageJson(t, 'DELETE', `private-files/${alice}/diary.txt`, undefined, tokens.alice)).status).toBe(204)
  })

  it('storage.foldername / filename / extension behave like Supabase', async () => {
    const { rows } = await t.admin.query("SELECT storage.foldername('a/b/c.tar.gz') AS f, storage.filename('a/b/c.tar.gz') AS n, storage.extension('a/b/c.tar.gz') AS e, storage.foldername('top.txt') AS f0")
    expect(rows[0]).toEqual({ f: ['a', 'b'], n: 'c.tar.gz', e: 'gz', f0: [] })
  })
})
