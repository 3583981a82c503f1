// Impersonation tokens (contract §6): real access tokens for a user, for anon or for service_role, minted for the
// studio or a service_role caller, each recorded with its reason; SDK response shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withIdentity } from '../../../electron/server/postgres/with-identity.js'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { claimsOf, newUser, PASSWORD, sdk, studio, type Session } from './auth-client.js'

interface Started {
  session: { id: string; admin_user_id: string; target_user_id: string | null; impersonation_type: string; target_role: string; reason: string; is_active: boolean; started_at: string; ended_at: string | null; ip_address: string; user_agent: string | null }
  target_user: { id: string; email: string; role: string } | null
  access_token: string
  refresh_token: string
  expires_in: number
}

let rt: TestRuntime
let api: ReturnType<typeof sdk>
let alice: Session

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
  api = sdk(rt)
  alice = await newUser(rt, 'alice@example.com')
})
afterAll(async () => rt?.stop())

/** What a statement sees when run as the token's identity: the same path every API request takes. */
async function seenAs(token: string) {
  const identity = await rt.ctx.identifyToken(token)
  return withIdentity(rt.ctx.pools.api, identity, async (c) => {
    const r = await c.query("SELECT auth.uid()::text AS uid, auth.role() AS role, current_user AS db_role, current_setting('app.user_id', true) AS app_user_id")
    return r.rows[0]
  })
}

const doors = [
  { name: 'service_role', base: '/api/v1/auth/impersonate', admin: 'service_role', call: <T>(m: string, p: string, b?: unknown) => api.call<T>(m, p, b, rt.info.serviceRoleKey) },
  { name: 'studio', base: '/studio/api/auth/impersonate', admin: 'studio', call: <T>(m: string, p: string, b?: unknown) => studio(rt)<T>(m, p, b) },
]

describe.each(doors)('as $name', ({ base, admin, call }) => {
  it('impersonates a user: a real token, RLS sees that user, the audit row keeps the reason', async () => {
    const r = await call<Started>('POST', base, { target_user_id: alice.user.id, reason: 'ticket #42' })
    expect(r.status).toBe(200)
    expect(Object.keys(r.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'session', 'target_user'])
    expect(r.body.target_user).toEqual({ id: alice.user.id, email: 'alice@example.com', role: 'authenticated' })
    expect(r.body.session).toMatchObject({ admin_user_id: admin, target_user_id: alice.user.id, impersonation_type: 'user', target_role: 'authenticated', reason: 'ticket #42', is_active: true, ended_at: null })
    expect(claimsOf(r.body.access_token)).toMatchObject({ sub: alice.user.id, role: 'authenticated', email: 'alice@example.com', token_type: 'access', impersonation_session_id: r.body.session.id })
    expect(await seenAs(r.body.access_token)).toEqual({ uid: alice.user.id, role: 'authenticated', db_role: 'authenticated', app_user_id: alice.user.id })
    const row = await rt.admin.query('SELECT reason, impersonation_type, admin_user_id FROM auth.impersonation_sessions WHERE id = $1', [r.body.session.id])
    expect(row.rows[0]).toEqual({ reason: 'ticket #42', impersonation_type: 'user', admin_user_id: admin })
  })

  it('impersonates anon: auth.uid() is the nil UUID, not NULL', async () => {
    const r = await call<Started>('POST', `${base}/anon`, { reason: 'public pages' })
    expect(r.status).toBe(200)
    expect(r.body.target_user).toBeNull()
    expect(r.body.session).toMatchObject({ impersonation_type: 'anon', target_role: 'anon', target_user_id: null })
    expect(await seenAs(r.body.access_token)).toEqual({ uid: '00000000-0000-0000-0000-000000000000', role: 'anon', db_role: 'anon', app_user_id: '00000000-0000-0000-0000-000000000000' })
  })

  it('impersonates service_role', async () => {
    const r = await call<Started>('POST', `${base}/service`, { reason: 'cleanup' })
    expect(r.status).toBe(200)
    expect(r.body.session).toMatchObject({ impersonation_type: 'service', target_role: 'service_role' })
    expect(await seenAs(r.body.access_token)).toMatchObject({ uid: '00000000-0000-0000-0000-000000000001', role: 'service_role', db_role: 'service_role' })
  })

  it('starting a session ends the previous one; GET shows the current one; DELETE ends it', async () => {
    const first = (await call<Started>('POST', `${base}/anon`, { reason: 'one' })).body
    const second = (await call<Started>('POST', base, { target_user_id: alice.user.id, reason: 'two' })).body
    const old = await rt.admin.query('SELECT is_active, ended_at FROM auth.impersonation_sessions WHERE id = $1', [first.session.id])
    expect(old.rows[0].is_active).toBe(false)
    expect(old.rows[0].ended_at).not.toBeNull()
    const current = await call<{ session: { id: string }; target_user: { id: string } }>('GET', base)
    expect(current.body.session.id).toBe(second.session.id)
    expect(current.body.target_user.id).toBe(alice.user.id)
    const stopped = await call('DELETE', base)
    expect(stopped.body).toEqual({ success: true, message: 'Impersonation session ended' })
    expect((await call('DELETE', base)).status).toBe(404)
    expect((await call('GET', base)).body).toEqual({ session: null, target_user: null })
    // Ending is an audit fact: a token already handed out stays valid until it expires (side-by-side comparisons).
    expect((await rt.ctx.identifyToken(second.access_token)).userId).toBe(alice.user.id)
  })

  it('lists sessions as {sessions, total}, filtered and paged', async () => {
    const r = await call<{ sessions: Started['session'][]; total: number }>('GET', `${base}/sessions?admin_user_id=${admin}&impersonation_type=anon&limit=1`)
    expect(r.status).toBe(200)
    expect(r.body.total).toBeGreaterThanOrEqual(2)
    expect(r.body.sessions).toHaveLength(1)
    expect(r.body.sessions[0]).toMatchObject({ admin_user_id: admin, impersonation_type: 'anon' })
  })

  it('refuses an unknown user (404) and a malformed id (400)', async () => {
    expect((await call('POST', base, { target_user_id: '00000000-0000-0000-0000-00000000abcd', reason: 'x' })).status).toBe(404)
    expect((await call('POST', base, { target_user_id: 'alice', reason: 'x' })).status).toBe(400)
    expect((await call('POST', base, { target_user_id: alice.user.id, reason: 'x', expires_in: 5 })).status).toBe(400)
  })
})

describe('impersonation rules', () => {
  it('the API requires a reason; the studio fills one in', async () => {
    const noReason = await api.call('POST', '/api/v1/auth/impersonate/anon', {}, rt.info.serviceRoleKey)
    expect(noReason.status).toBe(400)
    expect(String(noReason.body.error)).toMatch(/reason is required/)
    const viaStudio = await studio(rt)<Started>('POST', '/studio/api/auth/impersonate/anon')
    expect(viaStudio.status).toBe(200)
    expect(viaStudio.body.session.reason).toBe('studio: view as')
  })

  it('refuses callers that are not service_role or the studio', async () => {
    for (const token of [rt.info.anonKey, alice.access_token]) {
      const r = await api.call('POST', '/api/v1/auth/impersonate/service', { reason: 'escalate' }, token)
      expect(r.status).toBe(403)
    }
    expect((await studio(rt)('POST', '/studio/api/auth/impersonate/service', { reason: 'x' }, 'bad token')).status).toBe(401)
  })

  it('a dashboard_admin user may impersonate others but not themself', async () => {
    const admin = await newUser(rt, 'dash@example.com')
    await rt.api(`/api/v1/admin/users/${admin.user.id}/role`, { method: 'PATCH', body: JSON.stringify({ role: 'dashboard_admin' }) })
    const token = (await api.signIn('dash@example.com', PASSWORD)).body.access_token
    const self = await api.call('POST', '/api/v1/auth/impersonate', { target_user_id: admin.user.id, reason: 'me' }, token)
    expect(self.status).toBe(400)
    expect(self.body.code).toBe('CANNOT_IMPERSONATE_SELF')
    const other = await api.call<Started>('POST', '/api/v1/auth/impersonate', { target_user_id: alice.user.id, reason: 'support' }, token)
    expect(other.status).toBe(200)
    expect(other.body.session.admin_user_id).toBe(admin.user.id)
  })

  it('impersonation tokens have no session: /auth/user and /auth/refresh refuse them', async () => {
    const r = (await studio(rt)<Started>('POST', '/studio/api/auth/impersonate', { target_user_id: alice.user.id, reason: 'x' })).body
    expect((await api.getUser(r.access_token)).status).toBe(401)
    expect((await api.refresh(r.refresh_token)).status).toBe(401)
  })

  it('a custom lifetime up to a day is honoured', async () => {
    const r = (await studio(rt)<Started>('POST', '/studio/api/auth/impersonate/anon', { reason: 'long', expires_in: 3600 })).body
    const c = claimsOf(r.access_token)
    expect(r.expires_in).toBe(3600)
    expect(Number(c.exp) - Number(c.iat)).toBe(3600)
  })

  it('tokens of a deleted user stop working, impersonation ones included', async () => {
    const bob = await newUser(rt, 'bob@example.com')
    const r = (await studio(rt)<Started>('POST', '/studio/api/auth/impersonate', { target_user_id: bob.user.id, reason: 'x' })).body
    expect((await rt.ctx.identifyToken(r.access_token)).userId).toBe(bob.user.id)
    await studio(rt)('DELETE', `/studio/api/auth/users/${bob.user.id}`)
    await expect(rt.ctx.identifyToken(r.access_token)).rejects.toMatchObject({ status: 401, details: 'user deleted' })
  })

  it('signing out with an impersonation token blacklists that token', async () => {
    const r = (await studio(rt)<Started>('POST', '/studio/api/auth/impersonate', { target_user_id: alice.user.id, reason: 'x' })).body
    expect((await api.signOut(r.access_token)).status).toBe(200)
    await expect(rt.ctx.identifyToken(r.access_token)).rejects.toMatchObject({ status: 401, details: 'token revoked' })
  })
})
