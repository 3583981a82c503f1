// Sign-up, sign-in, /auth/user, anonymous sign-in and sign-out against a real runtime (contract §3 shapes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignJWT } from 'jose'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { claimsOf, expectInvalidToken, newUser, PASSWORD, sdk } from './auth-client.js'

let rt: TestRuntime
let api: ReturnType<typeof sdk>

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
  api = sdk(rt)
})
afterAll(async () => rt?.stop())

describe('sign-up', () => {
  it('creates the user and returns 201 {user, access_token, refresh_token, expires_in}', async () => {
    const r = await api.signUp('Ada@Example.com', PASSWORD, { user_metadata: { name: 'Ada' } })
    expect(r.status).toBe(201)
    expect(Object.keys(r.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'user'])
    expect(r.body.expires_in).toBe(900)
    expect(r.body.user).toMatchObject({ email: 'ada@example.com', email_verified: true, role: 'authenticated', user_metadata: { name: 'Ada' }, is_anonymous: false })
    expect(r.body.user).toHaveProperty('app_metadata')
    expect(Date.parse(String(r.body.user.created_at))).not.toBeNaN()
    const hash = await rt.admin.query('SELECT p.hash FROM auth.passwords p JOIN auth.users u ON u.id = p.user_id WHERE u.email = $1', ['ada@example.com'])
    expect(hash.rows[0].hash).toMatch(/^\$argon2id\$/)
  })

  it('puts the contract claims in the access token', async () => {
    const s = await newUser(rt, 'claims@example.com')
    const c = claimsOf(s.access_token)
    expect(c).toMatchObject({ sub: s.user.id, user_id: s.user.id, email: 'claims@example.com', role: 'authenticated', token_type: 'access', iss: 'fluxbase', is_anonymous: false })
    for (const k of ['session_id', 'jti', 'iat', 'nbf', 'exp', 'user_metadata', 'app_metadata']) expect(c).toHaveProperty(k)
    expect(c).not.toHaveProperty('aud')
    expect(Number(c.exp) - Number(c.iat)).toBe(15 * 60)
    const header = JSON.parse(Buffer.from(s.access_token.split('.')[0], 'base64url').toString())
    expect(header.alg).toBe('HS256')
    const refresh = claimsOf(s.refresh_token)
    expect(refresh).toMatchObject({ token_type: 'refresh', sub: s.user.id, session_id: c.session_id })
    expect(Number(refresh.exp) - Number(refresh.iat)).toBe(168 * 3600)
  })

  it.each([
    ['a too short password', { email: 'short@example.com', password: 'short' }, 400, /^invalid password: password must be at least 12 characters$/],
    ['no password', { email: 'nopw@example.com' }, 400, /^invalid password/],
    ['no email', { password: PASSWORD }, 400, /email is required/],
    ['a malformed email', { email: 'not-an-email', password: PASSWORD }, 400, /invalid email/],
    ['metadata that is not an object', { email: 'meta@example.com', password: PASSWORD, user_metadata: [1] }, 400, /user_metadata/],
  ])('refuses %s', async (_name, body, status, error) => {
    const r = await api.call('POST', '/api/v1/auth/signup', body)
    expect(r.status).toBe(status)
    expect(String(r.body.error)).toMatch(error)
  })

  it('refuses an email that is taken (case-insensitively) with 409', async () => {
    await newUser(rt, 'taken@example.com')
    const r = await api.signUp('TAKEN@example.com')
    expect(r.status).toBe(409)
    expect(r.body.code).toBe('USER_ALREADY_EXISTS')
  })
})

describe('sign-in', () => {
  it('returns 200 {user, access_token, refresh_token, expires_in} and records the sign-in', async () => {
    await newUser(rt, 'signin@example.com')
    const r = await api.signIn('SignIn@example.com')
    expect(r.status).toBe(200)
    expect(Object.keys(r.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'user'])
    expect(r.body.user.last_sign_in_at).toBeTruthy()
    const security = rt.ctx.logs.recent().filter((e) => e.category === 'security' && e.fields?.event_type === 'login_success')
    expect(security.some((e) => e.fields?.email === 'signin@example.com')).toBe(true)
  })

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await api.signIn('signin@example.com', 'wrong password!!')
    const unknown = await api.signIn('nobody@example.com', 'wrong password!!')
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401)
      expect(r.body).toMatchObject({ error: 'Invalid email or password', code: 'INVALID_CREDENTIALS' })
    }
    expect(rt.ctx.logs.recent().some((e) => e.fields?.event_type === 'login_failed' && e.fields?.email === 'nobody@example.com')).toBe(true)
  })
})

describe('/auth/user', () => {
  it('GET returns the user of a live session', async () => {
    const s = await newUser(rt, 'me@example.com')
    const r = await api.getUser(s.access_token)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ id: s.user.id, email: 'me@example.com', role: 'authenticated' })
  })

  it('GET refuses keys and tokens without a session', async () => {
    for (const token of [rt.info.anonKey, rt.info.serviceRoleKey]) {
      const r = await api.getUser(token)
      expect(r.status).toBe(401)
      expect(r.body.code).toBe('SESSION_REQUIRED')
    }
    const noAuth = await fetch(`${rt.info.apiUrl}/api/v1/auth/user`)
    expect(noAuth.status).toBe(401)
    expect((await noAuth.json()).error).toBe('Authentication required. Provide Bearer token, X-Client-Key, or X-Service-Key')
  })

  it('PATCH merges user_metadata (null removes a key)', async () => {
    const s = await newUser(rt, 'patch@example.com')
    await api.updateUser(s.access_token, { user_metadata: { theme: 'dark', plan: 'free' } })
    const r = await api.updateUser(s.access_token, { user_metadata: { plan: null, lang: 'en' } })
    expect(r.status).toBe(200)
    expect(r.body.user_metadata).toEqual({ theme: 'dark', lang: 'en' })
  })

  it('PATCH really changes the password, and ends the other sessions', async () => {
    const first = await newUser(rt, 'pw@example.com')
    const other = (await api.signIn('pw@example.com')).body
    const newPassword = 'a brand new passphrase'
    const short = await api.updateUser(first.access_token, { password: 'short' })
    expect(short.status).toBe(400)
    const r = await api.updateUser(first.access_token, { password: newPassword })
    expect(r.status).toBe(200)
    expect((await api.signIn('pw@example.com', PASSWORD)).status).toBe(401)
    expect((await api.signIn('pw@example.com', newPassword)).status).toBe(200)
    expect((await api.getUser(first.access_token)).status).toBe(200)
    expectInvalidToken(await api.getUser(other.access_token))
    expect((await api.refresh(other.refresh_token)).status).toBe(401)
  })

  it('PATCH changes the email (and refuses one that is taken)', async () => {
    const s = await newUser(rt, 'old-address@example.com')
    await newUser(rt, 'occupied@example.com')
    expect((await api.updateUser(s.access_token, { email: 'occupied@example.com' })).status).toBe(409)
    const r = await api.updateUser(s.access_token, { email: 'New-Address@example.com' })
    expect(r.status).toBe(200)
    expect(r.body.email).toBe('new-address@example.com')
    expect((await api.signIn('new-address@example.com')).status).toBe(200)
  })
})

describe('anonymous sign-in', () => {
  it('creates an is_anonymous user with a session', async () => {
    const r = await api.call<Record<string, unknown> & { user: Record<string, unknown>; access_token: string }>('POST', '/api/v1/auth/signin/anonymous')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ is_anonymous: true, expires_in: 900, user: { is_anonymous: true, email: '', role: 'authenticated' } })
    expect(claimsOf(r.body.access_token)).toMatchObject({ is_anonymous: true, role: 'authenticated' })
    const row = await rt.admin.query('SELECT is_anonymous, email FROM auth.users WHERE id = $1', [r.body.user.id])
    expect(row.rows[0]).toEqual({ is_anonymous: true, email: null })
    expect((await api.getUser(r.body.access_token)).status).toBe(200)
  })

  it('an anonymous user becomes permanent by adding an email and password', async () => {
    const anon = (await api.call<{ access_token: string; user: { id: string } }>('POST', '/api/v1/auth/signin/anonymous')).body
    const r = await api.updateUser(anon.access_token, { email: 'converted@example.com', password: PASSWORD })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ email: 'converted@example.com', is_anonymous: false })
    const again = await api.signIn('converted@example.com')
    expect(again.body.user.id).toBe(anon.user.id)
  })
})

describe('sign-out', () => {
  it('returns the contract message and its access token is refused afterwards, everywhere', async () => {
    const s = await newUser(rt, 'bye@example.com')
    const r = await api.signOut(s.access_token)
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ message: 'Successfully signed out' })
    expectInvalidToken(await api.getUser(s.access_token))
    // Every API path shares the same check (REST, RPC, realtime, storage call ctx.identify/identifyToken).
    await expect(rt.ctx.identifyToken(s.access_token)).rejects.toMatchObject({ status: 401, details: 'session revoked' })
    expect((await api.refresh(s.refresh_token)).status).toBe(401)
    const row = await rt.admin.query('SELECT revoked_reason FROM auth.sessions WHERE id = $1', [claimsOf(s.access_token).session_id])
    expect(row.rows[0].revoked_reason).toBe('signout')
  })

  it('ends only its own session; scope=global ends them all', async () => {
    await newUser(rt, 'multi@example.com')
    const a = (await api.signIn('multi@example.com')).body
    const b = (await api.signIn('multi@example.com')).body
    const c = (await api.signIn('multi@example.com')).body
    await api.signOut(a.access_token)
    expect((await api.getUser(b.access_token)).status).toBe(200)
    await api.signOut(b.access_token, '?scope=global')
    expectInvalidToken(await api.getUser(c.access_token))
  })

  it('still ends the session when the access token has just expired', async () => {
    const s = await newUser(rt, 'late@example.com')
    const c = claimsOf(s.access_token)
    // As the SDK would hold it: issued 15 minutes ago, expired a few seconds ago.
    const now = Math.floor(Date.now() / 1000)
    const expired = await new SignJWT({ ...c, iat: now - 905, nbf: now - 905, exp: now - 5 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(rt.info.jwtSecret))
    expectInvalidToken(await api.getUser(expired))
    expect((await api.signOut(expired)).status).toBe(200)
    expect((await api.refresh(s.refresh_token)).status).toBe(401)
  })

  it('refuses a forged token and needs one at all', async () => {
    const s = await newUser(rt, 'forged-out@example.com')
    const forged = s.access_token.slice(0, -4) + (s.access_token.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    expect((await api.signOut(forged)).status).toBe(401)
    expect((await api.getUser(s.access_token)).status).toBe(200)
    const none = await fetch(`${rt.info.apiUrl}/api/v1/auth/signout`, { method: 'POST' })
    expect(none.status).toBe(401)
  })

  it('with the anon key is a harmless no-op (the SDK may call it after its session is gone)', async () => {
    const r = await api.signOut(rt.info.anonKey)
    expect(r.status).toBe(200)
  })
})

describe('GET /api/v1/auth/config', () => {
  it('tells the SDK what is enabled', async () => {
    const r = await fetch(`${rt.info.apiUrl}/api/v1/auth/config`)
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({
      signup_enabled: true,
      require_email_verification: false,
      magic_link_enabled: true,
      password_login_enabled: true,
      anonymous_sign_in_enabled: true,
      password_min_length: 12,
      oauth_providers: [],
    })
  })
})
