// Every way a Bearer token must be refused: each is a 401 with the contract's body, so the SDK refreshes and
// retries. Checked on /auth/user and on ctx.identifyToken, the check every other API path (REST, RPC, realtime,
// storage) goes through.
import crypto from 'node:crypto'
import fs from 'node:fs'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { claimsOf, expectInvalidToken, newUser, sdk, studio, type Session } from './auth-client.js'

let rt: TestRuntime
let api: ReturnType<typeof sdk>
let alice: Session
let secret: Uint8Array

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')

async function sign(claims: Record<string, unknown>, alg = 'HS256', key: Uint8Array | crypto.KeyObject = secret): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(key)
}

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
  api = sdk(rt)
  secret = new TextEncoder().encode(rt.info.jwtSecret)
  alice = await newUser(rt, 'alice@example.com')
})
afterAll(async () => {
  await rt?.stop()
  // The restart test passes its data directory explicitly, so the helper leaves it: remove it here.
  if (rt) fs.rmSync(rt.info.dataDir, { recursive: true, force: true })
})

const now = () => Math.floor(Date.now() / 1000)

type Case = { name: string; token: () => Promise<string>; reason: string }

const cases: Case[] = [
  {
    name: 'a bad signature',
    token: async () => {
      const [h, p] = alice.access_token.split('.')
      return `${h}.${p}.${crypto.createHmac('sha256', 'not the secret').update(`${h}.${p}`).digest('base64url')}`
    },
    reason: 'invalid',
  },
  { name: 'a payload changed after signing', token: async () => { const [h, , s] = alice.access_token.split('.'); return `${h}.${b64({ ...claimsOf(alice.access_token), role: 'service_role' })}.${s}` }, reason: 'invalid' },
  { name: 'alg: none', token: async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claimsOf(alice.access_token) })}.`, reason: 'invalid' },
  { name: 'HS512 with the right secret (another algorithm)', token: () => sign({ ...claimsOf(alice.access_token) }, 'HS512'), reason: 'invalid' },
  {
    name: 'RS256 (algorithm confusion)',
    token: async () => {
      const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
      return sign({ ...claimsOf(alice.access_token) }, 'RS256', privateKey)
    },
    reason: 'invalid',
  },
  { name: 'an expired token', token: () => sign({ ...claimsOf(alice.access_token), iat: now() - 1000, nbf: now() - 1000, exp: now() - 1 }), reason: 'expired' },
  { name: 'a token before its nbf', token: () => sign({ ...claimsOf(alice.access_token), nbf: now() + 600, exp: now() + 1200 }), reason: 'not_yet_valid' },
  { name: 'a refresh token used as an access token', token: async () => alice.refresh_token, reason: 'refresh token used as access token' },
  { name: 'garbage', token: async () => 'not.a.jwt', reason: 'invalid' },
  { name: 'a session id that never existed', token: () => sign({ ...claimsOf(alice.access_token), session_id: crypto.randomUUID() }), reason: 'session not found' },
]

describe('refused tokens', () => {
  it.each(cases)('$name → 401', async ({ token, reason }) => {
    const t = await token()
    const r = await api.getUser(t)
    expectInvalidToken(r)
    expect(r.body.details).toBe(reason)
    await expect(rt.ctx.identifyToken(t)).rejects.toMatchObject({ status: 401, code: 'INVALID_TOKEN' })
  })

  it('the untouched token is still accepted (the cases above were refused for their flaw)', async () => {
    expect((await api.getUser(alice.access_token)).status).toBe(200)
    expect((await rt.ctx.identifyToken(alice.access_token)).userId).toBe(alice.user.id)
  })

  it('the anon and service keys are accepted as their roles', async () => {
    expect((await rt.ctx.identifyToken(rt.info.anonKey)).dbRole).toBe('anon')
    expect((await rt.ctx.identifyToken(rt.info.serviceRoleKey)).dbRole).toBe('service_role')
  })
})

describe('revoked sessions and deleted users', () => {
  it('a session revoked through the admin API is refused at once', async () => {
    const s = await newUser(rt, 'revoked@example.com')
    const r = await rt.api(`/api/v1/admin/users/${s.user.id}/sessions`, { method: 'DELETE' })
    expect(r.status).toBe(200)
    const refused = await api.getUser(s.access_token)
    expectInvalidToken(refused)
    expect(refused.body.details).toBe('session revoked')
  })

  it('a session revoked by hand in SQL (studio console) is refused once the notification arrives', async () => {
    const s = await newUser(rt, 'sql-revoked@example.com')
    expect((await api.getUser(s.access_token)).status).toBe(200)
    await rt.admin.query("UPDATE auth.sessions SET revoked_at = now(), revoked_reason = 'console' WHERE user_id = $1", [s.user.id])
    await expect.poll(async () => (await api.getUser(s.access_token)).status, { timeout: 5000 }).toBe(401)
  })

  it('a deleted user: its session token and a session-less token are refused', async () => {
    const s = await newUser(rt, 'deleted@example.com')
    const sessionless = await sign({ iss: 'fluxbase', sub: s.user.id, role: 'authenticated', iat: now(), exp: now() + 600 })
    expect((await rt.ctx.identifyToken(sessionless)).userId).toBe(s.user.id)
    const del = await studio(rt)('DELETE', `/studio/api/auth/users/${s.user.id}`)
    expect(del.status).toBe(200)
    expectInvalidToken(await api.getUser(s.access_token))
    await expect(rt.ctx.identifyToken(sessionless)).rejects.toMatchObject({ status: 401, details: 'user deleted' })
    expect((await api.refresh(s.refresh_token)).status).toBe(401)
  })

  it('a user deleted by hand in SQL is refused too (tombstone + notification)', async () => {
    const s = await newUser(rt, 'sql-deleted@example.com')
    const sessionless = await sign({ iss: 'fluxbase', sub: s.user.id, role: 'authenticated', iat: now(), exp: now() + 600 })
    await rt.admin.query('DELETE FROM auth.users WHERE id = $1', [s.user.id])
    await expect.poll(async () => rt.ctx.identifyToken(sessionless).then(() => 'accepted', (e) => e.details), { timeout: 5000 }).toBe('user deleted')
    const tomb = await rt.admin.query('SELECT email FROM auth.deleted_users WHERE id = $1', [s.user.id])
    expect(tomb.rows[0].email).toBe('sql-deleted@example.com')
  })

  it('keeps hearing about revocations after its listening connection is killed', async () => {
    const s = await newUser(rt, 'listener@example.com')
    expect((await api.getUser(s.access_token)).status).toBe(200)
    const killed = await rt.admin.query("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE query = 'LISTEN fluxbase_auth'")
    expect(killed.rows.length).toBeGreaterThan(0)
    await expect.poll(async () => (await rt.admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN fluxbase_auth'")).rows[0].n, { timeout: 10_000 }).toBe(1)
    await rt.admin.query("UPDATE auth.sessions SET revoked_at = now(), revoked_reason = 'console' WHERE user_id = $1", [s.user.id])
    await expect.poll(async () => (await api.getUser(s.access_token)).status, { timeout: 5000 }).toBe(401)
    expect(rt.ctx.logs.recent().some((e) => e.category === 'security' && /revocation listener lost its connection/.test(e.message))).toBe(true)
  })

  it('tokens for subjects that were never users (hand-made test tokens) are not refused', async () => {
    const t = await sign({ iss: 'fluxbase', sub: crypto.randomUUID(), role: 'authenticated', iat: now(), exp: now() + 600 })
    expect((await rt.ctx.identifyToken(t)).dbRole).toBe('authenticated')
  })

  it('revocations survive a restart of the runtime', async () => {
    const s = await newUser(rt, 'restart@example.com')
    await api.signOut(s.access_token)
    const t = await sign({ iss: 'fluxbase', sub: alice.user.id, role: 'authenticated', iat: now(), exp: now() + 600 })
    await rt.admin.query('DELETE FROM auth.users WHERE id = $1', [alice.user.id])
    const dataDir = rt.info.dataDir
    await rt.runtime.stop()
    await rt.admin.end()
    rt = await startTestRuntime({ dataDir, auth: { rateLimitPerWindow: 0 } })
    api = sdk(rt)
    expectInvalidToken(await api.getUser(s.access_token))
    await expect(rt.ctx.identifyToken(t)).rejects.toMatchObject({ details: 'user deleted' })
  })
})
