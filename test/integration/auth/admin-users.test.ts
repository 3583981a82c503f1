// User management for service_role callers (/api/v1/admin/users, the SDK's paths) and for the studio
// (/studio/api/auth/users, studio token): list paged + searchable, create with or without a password, update
// metadata/app_metadata/role, delete, sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { claimsOf, expectInvalidToken, newUser, PASSWORD, sdk, studio, type Reply } from './auth-client.js'

interface AdminUser {
  id: string
  email: string
  role: string
  email_verified: boolean
  user_metadata: Record<string, unknown>
  app_metadata: Record<string, unknown>
  has_password: boolean
  session_count: number
  locked_until: string | null
}

let rt: TestRuntime
let api: ReturnType<typeof sdk>

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
  api = sdk(rt)
})
afterAll(async () => rt?.stop())

/** The same admin surface through both doors. */
const doors = [
  {
    name: 'service_role: /api/v1/admin/users',
    base: '/api/v1/admin/users',
    call: <T>(method: string, path: string, body?: unknown) => api.call<T>(method, path, body, rt.info.serviceRoleKey),
  },
  {
    name: 'studio: /studio/api/auth/users',
    base: '/studio/api/auth/users',
    call: <T>(method: string, path: string, body?: unknown) => studio(rt)<T>(method, path, body),
  },
]

describe.each(doors)('$name', ({ base, call, name }) => {
  const tag = name.startsWith('studio') ? 'st' : 'sr'

  it('creates a user with a password (201), who can sign in at once', async () => {
    const r = await call<AdminUser>('POST', base, { email: `pw-${tag}@example.com`, password: PASSWORD, user_metadata: { name: 'P' }, app_metadata: { roles: ['admin'] } })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ email: `pw-${tag}@example.com`, email_verified: true, has_password: true, role: 'authenticated', app_metadata: { roles: ['admin'] } })
    const s = await api.signIn(`pw-${tag}@example.com`)
    expect(s.status).toBe(200)
    expect(claimsOf(s.body.access_token).app_metadata).toEqual({ roles: ['admin'] })
  })

  it('creates a confirmed user without a password (no password sign-in; a magic link works)', async () => {
    const r = await call<AdminUser>('POST', base, { email: `nopw-${tag}@example.com` })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ email_verified: true, has_password: false })
    expect((await api.signIn(`nopw-${tag}@example.com`, PASSWORD)).status).toBe(401)
    expect((await api.call('POST', '/api/v1/auth/magiclink', { email: `nopw-${tag}@example.com` })).status).toBe(200)
  })

  it('refuses a short password, a bad email and a duplicate', async () => {
    expect((await call('POST', base, { email: `short-${tag}@example.com`, password: 'short' })).status).toBe(400)
    expect((await call('POST', base, { email: 'nope' })).status).toBe(400)
    expect((await call('POST', base, { email: `pw-${tag}@example.com` })).status).toBe(409)
  })

  it('lists users paged and searchable', async () => {
    for (let i = 0; i < 5; i++) await call('POST', base, { email: `page-${tag}-${i}@example.com` })
    const page1 = await call<{ users: AdminUser[]; total: number; limit: number; offset: number }>('GET', `${base}?search=page-${tag}&limit=2`)
    expect(page1.status).toBe(200)
    expect(page1.body.total).toBe(5)
    expect(page1.body.users).toHaveLength(2)
    const page3 = await call<{ users: AdminUser[] }>('GET', `${base}?search=page-${tag}&limit=2&offset=4`)
    expect(page3.body.users).toHaveLength(1)
    const all = new Set([...(await call<{ users: AdminUser[] }>('GET', `${base}?search=page-${tag}&limit=100`)).body.users.map((u) => u.email)])
    expect(all.size).toBe(5)
    // Search also matches metadata and ids; LIKE wildcards in the search text are literal.
    expect((await call<{ total: number }>('GET', `${base}?search=%25`)).body.total).toBe(0)
    const byMeta = await call<{ users: AdminUser[] }>('GET', `${base}?search=${encodeURIComponent('"name": "P"')}`)
    expect(byMeta.body.users.map((u) => u.email)).toContain(`pw-${tag}@example.com`)
    expect((await call('GET', `${base}?limit=0`)).status).toBe(400)
  })

  it('gets one user, and 404s an unknown one', async () => {
    const list = await call<{ users: AdminUser[] }>('GET', `${base}?search=pw-${tag}@`)
    const id = list.body.users[0].id
    expect((await call<AdminUser>('GET', `${base}/${id}`)).body.id).toBe(id)
    expect((await call('GET', `${base}/00000000-0000-0000-0000-00000000abcd`)).status).toBe(404)
    expect((await call('GET', `${base}/not-a-uuid`)).status).toBe(404)
  })

  it('updates user_metadata and app_metadata (merged) and the role', async () => {
    const u = (await call<AdminUser>('POST', base, { email: `upd-${tag}@example.com`, password: PASSWORD, app_metadata: { roles: ['viewer'], plan: 'free' } })).body
    const r = await call<AdminUser>('PATCH', `${base}/${u.id}`, { user_metadata: { nick: 'u' }, app_metadata: { roles: ['viewer', 'editor'], plan: null } })
    expect(r.status).toBe(200)
    expect(r.body.user_metadata).toEqual({ nick: 'u' })
    expect(r.body.app_metadata).toEqual({ roles: ['viewer', 'editor'] })
    const role = await call<AdminUser>('PATCH', `${base}/${u.id}/role`, { role: 'moderator' })
    expect(role.body.role).toBe('moderator')
    const s = await api.signIn(`upd-${tag}@example.com`)
    expect(claimsOf(s.body.access_token)).toMatchObject({ role: 'moderator', app_metadata: { roles: ['viewer', 'editor'] } })
    expect((await call('PATCH', `${base}/${u.id}`, { nonsense: 1 })).status).toBe(400)
    expect((await call('PATCH', `${base}/00000000-0000-0000-0000-00000000abcd`, { role: 'x' })).status).toBe(404)
  })

  it('lists and revokes a user\'s sessions', async () => {
    const s = await newUser(rt, `sess-${tag}@example.com`)
    await api.signIn(`sess-${tag}@example.com`)
    const listed = await call<{ sessions: { id: string; active: boolean; ip_address: string }[] }>('GET', `${base}/${s.user.id}/sessions`)
    expect(listed.body.sessions.filter((x) => x.active)).toHaveLength(2)
    expect(listed.body.sessions[0].ip_address).toBe('127.0.0.1')
    const revoked = await call<{ revoked: number }>('DELETE', `${base}/${s.user.id}/sessions`)
    expect(revoked.body.revoked).toBe(2)
    expectInvalidToken(await api.getUser(s.access_token))
    expect((await call<AdminUser>('GET', `${base}/${s.user.id}`)).body.session_count).toBe(0)
  })

  it('deletes a user: 200, then 404, and the user\'s tokens are refused', async () => {
    const s = await newUser(rt, `del-${tag}@example.com`)
    const r = await call('DELETE', `${base}/${s.user.id}`)
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ message: 'User deleted successfully' })
    expect((await call('DELETE', `${base}/${s.user.id}`)).status).toBe(404)
    expectInvalidToken(await api.getUser(s.access_token))
    expect((await api.signIn(`del-${tag}@example.com`)).status).toBe(401)
  })

  it('sends a password reset mail on request', async () => {
    const s = await newUser(rt, `reset-${tag}@example.com`)
    const r = await call<{ mail_id: string }>('POST', `${base}/${s.user.id}/reset-password`)
    expect(r.status).toBe(200)
    const mail = await studio(rt)<{ kind: string; to: string }>('GET', `/studio/api/auth/mail/${r.body.mail_id}`)
    expect(mail.body).toMatchObject({ kind: 'recovery', to: `reset-${tag}@example.com` })
  })
})

describe('who may manage users', () => {
  it('refuses the anon key and user tokens with 403, no token with 401', async () => {
    const s = await newUser(rt, 'plain@example.com')
    const expect403 = (r: Reply) => {
      expect(r.status).toBe(403)
      expect(r.body.code).toBe('INSUFFICIENT_PERMISSIONS')
    }
    expect403(await api.call('GET', '/api/v1/admin/users', undefined, rt.info.anonKey))
    expect403(await api.call('GET', '/api/v1/admin/users', undefined, s.access_token))
    expect403(await api.call('DELETE', `/api/v1/admin/users/${s.user.id}`, undefined, s.access_token))
    expect((await fetch(`${rt.info.apiUrl}/api/v1/admin/users`)).status).toBe(401)
  })

  it('refuses the studio routes without the studio token, even with the service key', async () => {
    expect((await studio(rt)('GET', '/studio/api/auth/users', undefined, rt.info.serviceRoleKey)).status).toBe(401)
    expect((await fetch(`${rt.info.apiUrl}/studio/api/auth/users`)).status).toBe(401)
  })

  it('service_role may read users over REST privileges, never password hashes', async () => {
    const grants = await rt.admin.query(
      "SELECT table_name, privilege_type FROM information_schema.role_table_grants WHERE grantee = 'service_role' AND table_schema = 'auth' ORDER BY 1, 2",
    )
    const tables = new Set(grants.rows.map((r) => r.table_name))
    expect(tables.has('users')).toBe(true)
    expect(tables.has('passwords')).toBe(false)
    const forAuthenticated = await rt.admin.query("SELECT count(*)::int AS n FROM information_schema.role_table_grants WHERE grantee IN ('anon', 'authenticated') AND table_schema = 'auth'")
    expect(forAuthenticated.rows[0].n).toBe(0)
  })
})
