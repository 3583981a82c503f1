// The handler's clients against the real database: the user client runs under the caller's RLS (the guide's
// own-rows policy), the service client bypasses it, rpc/storage/auth reach their routes; secrets arrive as
// FLUXBASE_* variables; each call's console lines reach the log bus under the request id and the admin endpoints.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFunctionsRuntime, type FunctionsRuntime } from './function-fixtures.js'

let rt: FunctionsRuntime
const ALICE = '00000000-0000-4000-8000-0000000000a1'
const BOB = '00000000-0000-4000-8000-0000000000b0'
let aliceToken: string
let bobToken: string

beforeAll(async () => {
  rt = await startFunctionsRuntime({
    'my-posts.ts': `export async function handler(req, fluxbase) {
  console.log('reading posts for', req.user?.email ?? 'anon')
  const { data, error, count } = await fluxbase.from('posts').select('title', { count: 'exact' }).order('id')
  if (error) return { status: 500, body: { error: error.message } }
  return { count, titles: data.map((r) => r.title) }
}`,
    'all-posts.ts': `export async function handler(req, fluxbase, fluxbaseService) {
  const { data } = await fluxbaseService.from('posts').select('id').execute()
  return { n: data.length }
}`,
    'write-post.ts': `export async function handler(req, fluxbase) {
  const { title, user_id } = await req.json()
  const { data, error } = await fluxbase.from('posts').insert({ title, user_id }).select('title').single()
  return error ? { status: 403, body: { error: error.message } } : data
}`,
    'whoami.ts': `export async function handler(req, fluxbase) {
  const { data, error } = await fluxbase.auth.getUser()
  const token = JSON.parse(atob(Deno.env.get('FLUXBASE_USER_TOKEN').split('.')[1]))
  return { user: data?.user?.id ?? null, error: error?.status ?? null, role: token.role, sub: token.sub ?? null, iss: token.iss, execution_id: token.execution_id }
}`,
    'secrets.ts': `export function handler() {
  return { legacy: Deno.env.get('FLUXBASE_SECRET_API_KEY') ?? null, setting: secrets.get('stripe.key') ?? null, user: secrets.getUser('theme') ?? null, runtimeEnv: Deno.env.get('FLUXBASE_DATABASE_URL') ?? null, home: (() => { try { return Deno.env.get('HOME') } catch (e) { return e.name } })() }
}`,
    'invoke-other.ts': `export async function handler(req, fluxbase) {
  const { data, error } = await fluxbase.functions.invoke('my-posts', { body: {} })
  return { data, error: error?.message ?? null }
}`,
    'storage.ts': `export async function handler(req, fluxbase, service) {
  await service.storage.from('fn-bucket').upload('a/hello.txt', new Blob(['stored text'], { type: 'text/plain' }), { contentType: 'text/plain', upsert: true })
  const { data: blob } = await service.storage.from('fn-bucket').download('a/hello.txt')
  const { data: list } = await service.storage.from('fn-bucket').list('a')
  const { data: signed } = await service.storage.from('fn-bucket').createSignedUrl('a/hello.txt', 60)
  const viaSigned = await (await fetch(signed.signedUrl)).text()
  const { error: removeError } = await service.storage.from('fn-bucket').remove(['a/hello.txt'])
  return { text: await blob.text(), listed: list.length, viaSigned, removeError }
}`,
    'uses-npm.ts': `import isOdd from 'npm:is-odd@3.0.1'
export function handler() { return { odd: isOdd(3) } }`,
    'noisy.ts': `export function handler() {
  const line = 'x'.repeat(1000)
  for (let i = 0; i < 5000; i++) console.log(i, line)
  return 'done'
}`,
  })
  await rt.admin.query(`CREATE TABLE public.posts (id serial PRIMARY KEY, user_id uuid NOT NULL, title text NOT NULL);
    ALTER TABLE public.posts ENABLE ROW LEVEL SECURITY;
    CREATE POLICY "users_own_posts" ON public.posts FOR ALL
      USING (user_id::text = current_setting('app.user_id', true))
      WITH CHECK (user_id::text = current_setting('app.user_id', true));
    GRANT SELECT, INSERT ON public.posts TO authenticated;
    GRANT USAGE ON SEQUENCE public.posts_id_seq TO authenticated;
    INSERT INTO public.posts (user_id, title) SELECT '${ALICE}', 'alice ' || g FROM generate_series(1, 20) g;
    INSERT INTO public.posts (user_id, title) VALUES ('${BOB}', 'bob 1'), ('${BOB}', 'bob 2');`)
  await rt.ctx.pools.api.query("NOTIFY pgrst, 'reload schema'").catch(() => undefined)
  aliceToken = await rt.signToken({ sub: ALICE, role: 'authenticated', email: 'alice@example.test' })
  bobToken = await rt.signToken({ sub: BOB, role: 'authenticated', email: 'bob@example.test' })
  fs.writeFileSync(path.join(rt.info.dataDir, 'function-secrets.json'), JSON.stringify({ secrets: { api_key: 'legacy-1' }, settings: { 'stripe.key': 'sk_test' }, users: { [ALICE]: { theme: 'dark' } } }))
}, 120_000)

afterAll(async () => {
  await rt?.stop()
})

describe('the user client honours RLS; the service client bypasses it', () => {
  it('alice reads only her 20 posts, bob his 2, anon none', async () => {
    // The schema cache may learn of the new table a moment after it was made.
    await expect.poll(async () => (await rt.invoke('my-posts', { token: aliceToken })).data, { timeout: 10_000 }).toMatchObject({ count: 20 })
    const alice = (await rt.invoke('my-posts', { token: aliceToken })).data as { titles: string[] }
    expect(alice.titles).toHaveLength(20)
    expect(alice.titles.every((t) => t.startsWith('alice'))).toBe(true)
    expect((await rt.invoke('my-posts', { token: bobToken })).data).toEqual({ count: 2, titles: ['bob 1', 'bob 2'] })
    const anon = await rt.invoke('my-posts')
    expect(anon.status).toBe(500)
    expect((anon.error!.details as { error: string }).error).toMatch(/permission|denied|GRANT/i)
  })

  it('the service client sees every row (and .execute() works)', async () => {
    expect((await rt.invoke('all-posts', { token: aliceToken })).data).toEqual({ n: 22 })
  })

  it('alice cannot insert a post as bob through her client', async () => {
    const own = await rt.invoke('write-post', { token: aliceToken, body: { title: 'alice new', user_id: ALICE } })
    expect(own.data).toEqual({ title: 'alice new' })
    const forged = await rt.invoke('write-post', { token: aliceToken, body: { title: 'forged', user_id: BOB } })
    expect(forged.status).toBe(403)
    expect((await rt.admin.query("SELECT count(*)::int AS n FROM public.posts WHERE title = 'forged'")).rows[0].n).toBe(0)
  })

  it('the user token carries the caller (anon when there is none), iss fluxbase and the execution id', async () => {
    const a = await rt.invoke('whoami', { token: aliceToken })
    expect(a.data).toMatchObject({ role: 'authenticated', sub: ALICE, iss: 'fluxbase', execution_id: a.headers.get('x-execution-id') })
    const anon = await rt.invoke('whoami')
    expect(anon.data).toMatchObject({ role: 'anon', sub: null })
  })

  it('functions.invoke from a function calls another one as the same caller', async () => {
    const r = await rt.invoke('invoke-other', { token: bobToken })
    expect(r.data).toEqual({ data: { count: 2, titles: ['bob 1', 'bob 2'] }, error: null })
  })

  it('storage through the service client: upload, download, list, signed URL, remove', async () => {
    const mk = await rt.api('/api/v1/storage/buckets/fn-bucket', { method: 'POST', body: JSON.stringify({ public: false }) })
    expect(mk.status).toBeLessThan(300)
    const r = await rt.invoke('storage', { token: aliceToken })
    expect(r.data).toEqual({ text: 'stored text', listed: 1, viaSigned: 'stored text', removeError: null })
  })
})

describe('secrets and environment', () => {
  it('legacy, system and the caller\'s own secrets arrive; the runtime\'s environment does not', async () => {
    process.env.FLUXBASE_DATABASE_URL = 'postgres://leak'
    try {
      const r = await rt.invoke('secrets', { token: aliceToken })
      expect(r.error).toBeNull()
      expect(r.data).toEqual({ legacy: 'legacy-1', setting: 'sk_test', user: 'dark', runtimeEnv: null, home: 'NotCapable' })
      expect((await rt.invoke('secrets', { token: bobToken })).data).toMatchObject({ user: null })
    } finally {
      delete process.env.FLUXBASE_DATABASE_URL
    }
  })
})

describe('imports from npm', () => {
  it('an npm: import is fetched once into Deno\'s cache in the data directory (needs the npm registry)', async () => {
    const r = await rt.invoke('uses-npm')
    expect(r.error).toBeNull()
    expect(r.data).toEqual({ odd: true })
    expect(fs.existsSync(path.join(rt.info.dataDir, 'deno-cache', 'npm'))).toBe(true)
  }, 90_000)
})

describe('logs and history', () => {
  it('console lines reach the log bus under the request id, and the admin endpoints list the execution', async () => {
    const r = await rt.invoke('my-posts', { token: aliceToken })
    const requestId = r.headers.get('x-request-id')!
    const executionId = r.headers.get('x-execution-id')!
    const lines = rt.ctx.logs.recent().filter((e) => e.request_id === requestId)
    expect(lines.some((e) => e.category === 'execution' && e.message === 'reading posts for alice@example.test')).toBe(true)
    expect(lines.some((e) => e.category === 'postgres' || e.category === 'http')).toBe(true)
    const logs = await (await rt.api(`/api/v1/admin/functions/executions/${executionId}/logs`)).json()
    expect(logs.entries.map((e: { message: string }) => e.message)).toContain('reading posts for alice@example.test')
    const list = await (await rt.api('/api/v1/admin/functions/executions?function_name=my-posts')).json()
    expect(list.executions[0]).toMatchObject({ id: executionId, function_name: 'my-posts', status: 'success', status_code: 200, user_id: ALICE })
    const perFunction = await (await rt.api('/api/v1/functions/my-posts/executions?limit=1')).json()
    expect(perFunction).toHaveLength(1)
    const denied = await rt.api('/api/v1/admin/functions/executions', { token: aliceToken })
    expect(denied.status).toBe(403)
  })

  it('a function that writes megabytes of logs is truncated, still answers, and does not block the runtime', async () => {
    const r = await rt.invoke('noisy')
    expect(r.data).toBe('done')
    const logs = await (await rt.api(`/api/v1/admin/functions/executions/${r.headers.get('x-execution-id')}/logs`)).json()
    expect(logs.count).toBeLessThanOrEqual(1001)
    expect(logs.entries.at(-1).message).toMatch(/truncated/)
    expect((await rt.api('/health')).status).toBe(200)
  })
})
