// Settings and secrets (contract §5) through the SDK's calls against the real database: public system settings
// (get, batch) under RLS; a user's secrets (201 / 409 DUPLICATE_KEY / 404 / 204, setSecret's PUT-then-POST) and
// settings (list / own / system / merged / upsert / delete, `value` must be an object) each seen only by their user;
// the admin side (service role only); the legacy /api/v1/secrets. Secret values are sealed at rest and no reply
// carries them; the sealed column is not even selectable by the request roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { newUser, sdk, type Reply, type Session } from '../auth/auth-client.js'

let rt: TestRuntime
let alice: Session
let bob: Session
const replies: string[] = []
const PLAINTEXTS = ['sk_live_alice_0001', 'sk_live_alice_0002', 'whsec_system_0003', 'legacy-value-0004', 'legacy-value-0005']

async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<Reply<T>> {
  const r = await sdk(rt).call<T>(method, path, body, token)
  replies.push(JSON.stringify(r.body))
  return r
}
const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => call<T>(method, path, body, rt.info.serviceRoleKey)

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
  alice = await newUser(rt, 'alice-settings@example.com')
  bob = await newUser(rt, 'bob-settings@example.com')
  expect((await admin('POST', '/api/v1/admin/settings/custom', { key: 'app.theme', value: { accent: 'teal' }, is_public: true })).status).toBe(201)
  expect((await admin('POST', '/api/v1/admin/settings/custom', { key: 'app.internal', value: { limit: 5 } })).status).toBe(201)
  expect((await admin('POST', '/api/v1/admin/settings/custom', { key: 'stripe.webhook', value: PLAINTEXTS[2], is_secret: true })).status).toBe(201)
})
afterAll(async () => {
  // No reply of the whole file carried a secret's value.
  for (const text of PLAINTEXTS) expect(replies.filter((r) => r.includes(text))).toEqual([])
  await rt?.stop()
})

describe('public settings', () => {
  it('GET /settings/{key} answers {value} for a public setting; a private one and a secret are 404', async () => {
    expect(await call('GET', '/api/v1/settings/app.theme')).toMatchObject({ status: 200, body: { value: { accent: 'teal' } } })
    expect((await call('GET', '/api/v1/settings/app.theme', undefined, alice.access_token)).body).toEqual({ value: { accent: 'teal' } })
    expect((await call('GET', '/api/v1/settings/app.internal')).status).toBe(404)
    expect((await call('GET', '/api/v1/settings/stripe.webhook', undefined, alice.access_token)).status).toBe(404)
    expect((await call('GET', '/api/v1/settings/nope')).status).toBe(404)
  })

  it('POST /settings/batch answers [{key, value}] for what the caller may read; bad batches are 400 with words', async () => {
    const r = await call<unknown[]>('POST', '/api/v1/settings/batch', { keys: ['app.theme', 'app.internal', 'stripe.webhook', 'missing'] })
    expect(r).toMatchObject({ status: 200, body: [{ key: 'app.theme', value: { accent: 'teal' } }] })
    expect(r.body).toHaveLength(1)
    const many = await call('POST', '/api/v1/settings/batch', { keys: Array.from({ length: 101 }, (_, i) => `k${i}`) })
    expect(many).toMatchObject({ status: 400, body: { error: 'at most 100 keys per batch (got 101)' } })
    expect((await call('POST', '/api/v1/settings/batch', { keys: 'app.theme' })).status).toBe(400)
    expect((await call('POST', '/api/v1/settings/batch', { keys: ['bad key!'] })).body).toMatchObject({ code: 'INVALID_KEY' })
  })
})

describe('user secrets', () => {
  it('create → 201 metadata without the value; a duplicate → 409 DUPLICATE_KEY; list and get', async () => {
    const created = await call('POST', '/api/v1/settings/secret/', { key: 'openai.key', value: PLAINTEXTS[0], description: 'mine' }, alice.access_token)
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ id: expect.any(String), key: 'openai.key', description: 'mine', user_id: alice.user.id, created_by: alice.user.id, updated_by: alice.user.id, created_at: expect.any(String), updated_at: expect.any(String) })
    const dup = await call('POST', '/api/v1/settings/secret/', { key: 'openai.key', value: 'x' }, alice.access_token)
    expect(dup).toMatchObject({ status: 409, body: { code: 'DUPLICATE_KEY' } })
    const list = await call<Array<{ key: string }>>('GET', '/api/v1/settings/secret/', undefined, alice.access_token)
    expect(list.body.map((s) => s.key)).toEqual(['openai.key'])
    expect((await call('GET', '/api/v1/settings/secret/openai.key', undefined, alice.access_token)).body).toMatchObject({ key: 'openai.key', user_id: alice.user.id })
  })

  it("bob neither sees nor changes alice's secret; his own of the same name is separate", async () => {
    expect((await call<unknown[]>('GET', '/api/v1/settings/secret/', undefined, bob.access_token)).body).toEqual([])
    expect((await call('GET', '/api/v1/settings/secret/openai.key', undefined, bob.access_token)).status).toBe(404)
    expect((await call('PUT', '/api/v1/settings/secret/openai.key', { value: 'stolen' }, bob.access_token)).status).toBe(404)
    expect((await call('DELETE', '/api/v1/settings/secret/openai.key', undefined, bob.access_token)).status).toBe(404)
    expect((await call('POST', '/api/v1/settings/secret/', { key: 'openai.key', value: 'bob-value' }, bob.access_token)).status).toBe(201)
  })

  it('PUT updates (or 404, then setSecret POSTs); DELETE → 204, then 404', async () => {
    const put = await call<{ description: string }>('PUT', '/api/v1/settings/secret/openai.key', { value: PLAINTEXTS[1], description: 'rotated' }, alice.access_token)
    expect(put).toMatchObject({ status: 200, body: { key: 'openai.key', description: 'rotated' } })
    // setSecret(): PUT, then POST on a 404.
    expect((await call('PUT', '/api/v1/settings/secret/github.token', { value: 'ghp_x' }, alice.access_token)).status).toBe(404)
    expect((await call('POST', '/api/v1/settings/secret/', { key: 'github.token', value: 'ghp_x' }, alice.access_token)).status).toBe(201)
    expect((await call('DELETE', '/api/v1/settings/secret/github.token', undefined, alice.access_token)).status).toBe(204)
    expect((await call('DELETE', '/api/v1/settings/secret/github.token', undefined, alice.access_token)).status).toBe(404)
  })

  it('refuses, with words: no user, a non-string value, a bad key, an empty update', async () => {
    expect((await call('GET', '/api/v1/settings/secret/')).body).toMatchObject({ code: 'AUTH_REQUIRED' })
    expect((await call('GET', '/api/v1/settings/secret/', undefined, rt.info.serviceRoleKey)).status).toBe(401)
    expect((await call('POST', '/api/v1/settings/secret/', { key: 'n', value: 42 }, alice.access_token)).body).toMatchObject({ code: 'INVALID_VALUE', error: expect.stringContaining('must be a string') })
    expect((await call('POST', '/api/v1/settings/secret/', { key: '../etc', value: 'v' }, alice.access_token)).body).toMatchObject({ code: 'INVALID_KEY' })
    expect((await call('PUT', '/api/v1/settings/secret/openai.key', {}, alice.access_token)).body).toMatchObject({ code: 'INVALID_BODY', error: expect.stringContaining('nothing to update') })
  })

  it('is sealed at rest (AES-GCM, not the plaintext), and the request roles cannot select the sealed column', async () => {
    const { rows } = await rt.admin.query<{ encrypted_value: string; value: unknown }>("SELECT encrypted_value, value FROM app.settings WHERE key = 'openai.key' AND user_id = $1", [alice.user.id])
    expect(rows[0]!.value).toBeNull()
    expect(rows[0]!.encrypted_value).toMatch(/^v1\.[A-Za-z0-9_-]+$/)
    expect(rows[0]!.encrypted_value).not.toContain(PLAINTEXTS[1])
    const c = await rt.admin.connect()
    try {
      await c.query('BEGIN')
      await c.query("SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: alice.user.id, role: 'authenticated' })])
      await expect(c.query('SELECT encrypted_value FROM app.settings')).rejects.toThrow(/permission denied/)
    } finally {
      await c.query('ROLLBACK')
      c.release()
    }
  })
})

describe('user settings', () => {
  it('PUT upserts an object; anything else is 400 saying value must be an object', async () => {
    const put = await call('PUT', '/api/v1/settings/user/app.theme', { value: { accent: 'pink' }, description: 'my colours' }, alice.access_token)
    expect(put).toMatchObject({ status: 200, body: { key: 'app.theme', value: { accent: 'pink' }, description: 'my colours', user_id: alice.user.id } })
    expect((await call('PUT', '/api/v1/settings/user/app.theme', { value: { accent: 'red' } }, alice.access_token)).body).toMatchObject({ value: { accent: 'red' }, description: 'my colours' })
    for (const value of ['dark', 3, [1], null]) {
      const r = await call('PUT', '/api/v1/settings/user/app.theme', { value }, alice.access_token)
      expect(r).toMatchObject({ status: 400, body: { code: 'INVALID_VALUE', error: expect.stringContaining('value must be a JSON object') } })
    }
    expect((await call('PUT', '/api/v1/settings/user/app.theme', {}, alice.access_token)).body).toMatchObject({ error: 'value is required (a JSON object)' })
  })

  it('list / own / system / merged: the user value wins, else the public system value; bob sees only his', async () => {
    expect((await call<Array<{ key: string }>>('GET', '/api/v1/settings/user/list', undefined, alice.access_token)).body.map((s) => s.key)).toEqual(['app.theme'])
    expect((await call('GET', '/api/v1/settings/user/own/app.theme', undefined, alice.access_token)).body).toMatchObject({ key: 'app.theme', value: { accent: 'red' } })
    expect((await call('GET', '/api/v1/settings/user/system/app.theme', undefined, alice.access_token)).body).toEqual({ key: 'app.theme', value: { accent: 'teal' } })
    expect((await call('GET', '/api/v1/settings/user/app.theme', undefined, alice.access_token)).body).toEqual({ key: 'app.theme', value: { accent: 'red' }, source: 'user' })
    expect((await call('GET', '/api/v1/settings/user/app.theme', undefined, bob.access_token)).body).toEqual({ key: 'app.theme', value: { accent: 'teal' }, source: 'system' })
    expect((await call<unknown[]>('GET', '/api/v1/settings/user/list', undefined, bob.access_token)).body).toEqual([])
    expect((await call('GET', '/api/v1/settings/user/own/app.theme', undefined, bob.access_token)).status).toBe(404)
    expect((await call('GET', '/api/v1/settings/user/app.internal', undefined, bob.access_token)).status).toBe(404)
    expect((await call('GET', '/api/v1/settings/user/system/stripe.webhook', undefined, bob.access_token)).status).toBe(404)
  })

  it('DELETE → 204 (then the system value shows through), again → 404; anon → 401', async () => {
    expect((await call('DELETE', '/api/v1/settings/user/app.theme', undefined, bob.access_token)).status).toBe(404)
    expect((await call('DELETE', '/api/v1/settings/user/app.theme', undefined, alice.access_token)).status).toBe(204)
    expect((await call('GET', '/api/v1/settings/user/app.theme', undefined, alice.access_token)).body).toMatchObject({ source: 'system' })
    expect((await call('GET', '/api/v1/settings/user/list')).status).toBe(401)
  })
})

describe('admin side and legacy secrets', () => {
  it('system settings: list hides secret values; update, 409, 404; users are refused', async () => {
    const list = await admin<Array<{ key: string; value: unknown; is_secret: boolean }>>('GET', '/api/v1/admin/settings/custom')
    expect(list.body.map((s) => [s.key, s.is_secret, s.value])).toEqual([['app.internal', false, { limit: 5 }], ['app.theme', false, { accent: 'teal' }], ['stripe.webhook', true, null]])
    expect((await admin('POST', '/api/v1/admin/settings/custom', { key: 'app.theme', value: {} })).body).toMatchObject({ code: 'DUPLICATE_KEY' })
    expect((await admin('PUT', '/api/v1/admin/settings/custom/app.internal', { is_public: true })).body).toMatchObject({ is_public: true, value: { limit: 5 } })
    expect((await call('GET', '/api/v1/settings/app.internal')).body).toEqual({ value: { limit: 5 } })
    expect((await admin('PUT', '/api/v1/admin/settings/custom/stripe.webhook', { is_public: true })).body).toMatchObject({ error: 'a secret cannot be public' })
    expect((await admin('POST', '/api/v1/admin/settings/custom', { key: 's2', value: { a: 1 }, is_secret: true })).body).toMatchObject({ code: 'INVALID_VALUE' })
    expect((await admin('DELETE', '/api/v1/admin/settings/custom/app.internal')).status).toBe(204)
    expect((await admin('GET', '/api/v1/admin/settings/custom/app.internal')).status).toBe(404)
    expect((await call('GET', '/api/v1/admin/settings/custom', undefined, alice.access_token)).status).toBe(403)
  })

  it('/api/v1/secrets: global and per-namespace, by id and by name, 409 on a duplicate, never the value', async () => {
    const g = await admin<{ id: string; scope: string }>('POST', '/api/v1/secrets', { name: 'api_key', value: PLAINTEXTS[3] })
    expect(g).toMatchObject({ status: 201, body: { name: 'api_key', namespace: null, scope: 'global', version: 1, is_expired: false } })
    expect((await admin('POST', '/api/v1/secrets', { name: 'api_key', value: PLAINTEXTS[4], namespace: 'billing' })).body).toMatchObject({ scope: 'namespace', namespace: 'billing' })
    expect((await admin('POST', '/api/v1/secrets', { name: 'api_key', value: 'x' })).body).toMatchObject({ code: 'DUPLICATE_KEY' })
    expect((await admin<unknown[]>('GET', '/api/v1/secrets')).body).toHaveLength(2)
    expect((await admin<unknown[]>('GET', '/api/v1/secrets?scope=global')).body).toHaveLength(1)
    expect((await admin('GET', '/api/v1/secrets/by-name/api_key?namespace=billing')).body).toMatchObject({ namespace: 'billing' })
    expect((await admin('PUT', `/api/v1/secrets/${g.body.id}`, { value: 'rotated', expires_at: '2020-01-01T00:00:00Z' })).body).toMatchObject({ version: 2, is_expired: true })
    expect((await admin('GET', '/api/v1/secrets/not-a-uuid')).body).toMatchObject({ code: 'INVALID_ID' })
    expect((await admin('PUT', '/api/v1/secrets/by-name/api_key', { expires_at: 'tomorrow' })).status).toBe(400)
    expect((await admin('DELETE', '/api/v1/secrets/by-name/api_key?namespace=billing')).status).toBe(204)
    expect((await admin('DELETE', '/api/v1/secrets/by-name/api_key?namespace=billing')).status).toBe(404)
    expect((await call('GET', '/api/v1/secrets', undefined, alice.access_token)).status).toBe(403)
  })
})
