// "Sign in with GitHub" offline through the SDK's calls: getOAuthUrl → the local consent page → 302 to the app's
// redirect_uri with code and state → exchangeCodeForSession (GET …/callback). Identities (list, link, unlink),
// signInWithIdToken with a studio-minted ID token, and reauthenticate → updateUser({ nonce }). Hostile inputs: a
// forged state, a replayed code, a forged ID token, someone else's identity — each refused in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signJwt } from '../../../electron/server/auth/jwt.js'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { newUser, PASSWORD, sdk, studio, type Session } from './auth-client.js'

let rt: TestRuntime
let api: ReturnType<typeof sdk>
const APP_CALLBACK = 'http://localhost:5173/auth/callback'

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
  api = sdk(rt)
  await newUser(rt, 'seeded@example.com')
})
afterAll(async () => rt?.stop())

/** What the browser does on the consent page: submit the form for `email` and follow nothing (we read Location). */
async function consentAs(url: string, email: string, name = ''): Promise<{ status: number; location: string | null; body: string }> {
  const state = new URL(url).searchParams.get('state')!
  const r = await fetch(`${rt.info.apiUrl}/api/v1/auth/oauth/local/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state, email, name }),
  })
  return { status: r.status, location: r.headers.get('location'), body: await r.text() }
}

async function signInWith(provider: string, email: string, name = '', token?: string): Promise<{ code: string; state: string }> {
  const started = token
    ? await api.call<{ url: string }>('POST', '/api/v1/auth/user/identities', { provider, redirect_uri: APP_CALLBACK }, token)
    : await api.call<{ url: string; provider: string }>('GET', `/api/v1/auth/oauth/${provider}/authorize?redirect_uri=${encodeURIComponent(APP_CALLBACK)}`)
  expect(started.status).toBe(200)
  const back = await consentAs(started.body.url, email, name)
  expect(back.status).toBe(302)
  const loc = new URL(back.location!)
  expect(`${loc.origin}${loc.pathname}`).toBe(APP_CALLBACK)
  return { code: loc.searchParams.get('code')!, state: loc.searchParams.get('state')! }
}

const exchange = (provider: string, code: string, state?: string) =>
  api.call<Session>('GET', `/api/v1/auth/oauth/${provider}/callback?${new URLSearchParams({ code, ...(state ? { state } : {}), redirect_uri: APP_CALLBACK })}`)

describe('the local provider', () => {
  it('lists providers; authorize answers {url, provider}; the consent page offers the project\'s users', async () => {
    const providers = await api.call<{ providers: { id: string; enabled: boolean }[] }>('GET', '/api/v1/auth/oauth/providers')
    expect(providers.body.providers.map((p) => p.id)).toContain('github')
    const a = await api.call<{ url: string; provider: string }>('GET', `/api/v1/auth/oauth/github/authorize?redirect_uri=${encodeURIComponent(APP_CALLBACK)}`)
    expect(a.status).toBe(200)
    expect(a.body.provider).toBe('github')
    expect(a.body.url).toMatch(/\/api\/v1\/auth\/oauth\/local\/consent\?state=/)
    const page = await fetch(a.body.url)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('Sign in to your app with GitHub')
    expect(html).toContain('seeded@example.com')
  })

  it('Sign in with GitHub as a new person: code → session with the name; the code works once', async () => {
    const { code, state } = await signInWith('github', 'octo@example.com', 'Octo Cat')
    const s = await exchange('github', code, state)
    expect(s.status).toBe(200)
    expect(s.body.user).toMatchObject({ email: 'octo@example.com', email_verified: true, user_metadata: { name: 'Octo Cat' } })
    expect((await api.getUser(s.body.access_token)).status).toBe(200)
    const replay = await exchange('github', code, state)
    expect(replay.status).toBe(400)
    expect(replay.body).toMatchObject({ code: 'OAUTH_CODE_USED', error: 'This authorization code has already been used' })
  })

  it('an existing user signing in with GitHub gets their own account, with the identity added', async () => {
    const { code, state } = await signInWith('github', 'seeded@example.com')
    const s = await exchange('github', code, state)
    const { rows } = await rt.admin.query("SELECT id::text FROM auth.users WHERE email = 'seeded@example.com'")
    expect(s.body.user.id).toBe(rows[0].id)
  })

  it('forged state, a code with the wrong state, another provider\'s code, a bad redirect: refused', async () => {
    const forged = await consentAs(`${rt.info.apiUrl}/x?state=forged-state`, 'evil@example.com')
    expect(forged.status).toBe(400)
    expect(JSON.parse(forged.body)).toMatchObject({ code: 'INVALID_OAUTH_STATE', error: 'Invalid or expired OAuth state' })
    const one = await signInWith('github', 'state@example.com')
    expect((await exchange('github', one.code, 'not-the-state')).body.code).toBe('INVALID_OAUTH_STATE')
    const two = await signInWith('github', 'state2@example.com')
    expect((await exchange('google', two.code, two.state)).status).toBe(400)
    const bad = await api.call('GET', '/api/v1/auth/oauth/github/authorize?redirect_uri=javascript:alert(1)')
    expect(bad.status).toBe(400)
    expect(bad.body.error).toBe('redirect_uri must be an http(s) URL')
    expect((await api.call('GET', '/api/v1/auth/oauth/Git%20Hub/authorize')).status).toBe(400)
  })
})

describe('identities', () => {
  it('list, link (through the consent page), unlink; someone else\'s identity is not found', async () => {
    const { code, state } = await signInWith('github', 'ident@example.com', 'Ida')
    const s = (await exchange('github', code, state)).body
    const list = await api.call<{ identities: { id: string; provider: string; user_id: string; identity_data: { email: string } }[] }>('GET', '/api/v1/auth/user/identities', undefined, s.access_token)
    expect(list.body.identities).toMatchObject([{ provider: 'github', user_id: s.user.id, identity_data: { email: 'ident@example.com' } }])
    const linked = await signInWith('google', 'ida.work@example.com', 'Ida', s.access_token)
    const afterLink = await exchange('google', linked.code, linked.state)
    expect(afterLink.body.user.id).toBe(s.user.id)
    const two = await api.call<{ identities: { id: string; provider: string }[] }>('GET', '/api/v1/auth/user/identities', undefined, s.access_token)
    expect(two.body.identities.map((i) => i.provider).sort()).toEqual(['github', 'google'])
    const google = two.body.identities.find((i) => i.provider === 'google')!
    const other = await newUser(rt, 'other@example.com')
    expect((await api.call('DELETE', `/api/v1/auth/user/identities/${google.id}`, undefined, other.access_token)).status).toBe(404)
    expect((await api.call('DELETE', `/api/v1/auth/user/identities/${google.id}`, undefined, s.access_token)).status).toBe(200)
    expect((await api.call<{ identities: unknown[] }>('GET', '/api/v1/auth/user/identities', undefined, s.access_token)).body.identities).toHaveLength(1)
    // Linking a GitHub account that already belongs to someone else is refused on the consent step.
    const started = await api.call<{ url: string }>('POST', '/api/v1/auth/user/identities', { provider: 'github', redirect_uri: APP_CALLBACK }, other.access_token)
    const taken = await consentAs(started.body.url, 'ident@example.com')
    expect(taken.status).toBe(409)
  })
})

describe('signInWithIdToken and reauthenticate', () => {
  it('a studio-minted Google ID token signs in; a forged one and a wrong nonce are refused', async () => {
    const minted = await studio(rt)<{ id_token: string }>('POST', '/studio/api/auth/id-token', { provider: 'google', email: 'native@example.com', name: 'Nat', nonce: 'n-1' })
    expect(minted.status).toBe(200)
    const s = await api.call<Session>('POST', '/api/v1/auth/signin/idtoken', { provider: 'google', token: minted.body.id_token, nonce: 'n-1' })
    expect(s.status).toBe(200)
    expect(s.body.user).toMatchObject({ email: 'native@example.com' })
    expect((await api.call('POST', '/api/v1/auth/signin/idtoken', { provider: 'google', token: minted.body.id_token, nonce: 'other' })).body.error).toBe('the ID token\'s nonce does not match the nonce sent')
    const forged = await signJwt(new TextEncoder().encode('x'.repeat(40)), { sub: 'a', email: 'evil@example.com', provider: 'google', token_type: 'id_token' }, { expiresInSeconds: 60 })
    const r = await api.call('POST', '/api/v1/auth/signin/idtoken', { provider: 'google', token: forged })
    expect(r.status).toBe(401)
    expect(r.body.code).toBe('INVALID_ID_TOKEN')
    // An ordinary access token is not an ID token.
    expect((await api.call('POST', '/api/v1/auth/signin/idtoken', { provider: 'google', token: s.body.access_token })).status).toBe(401)
  })

  it('reauthenticate returns a nonce (also mailed); updateUser with it changes the password, a wrong one is refused', async () => {
    const s = await newUser(rt, 'reauth@example.com')
    const r = await api.call<{ nonce: string }>('POST', '/api/v1/auth/reauthenticate', undefined, s.access_token)
    expect(r.status).toBe(200)
    expect(r.body.nonce).toMatch(/^\d{6}$/)
    const wrong = await api.updateUser(s.access_token, { password: `${PASSWORD}!`, nonce: r.body.nonce === '000000' ? '111111' : '000000' })
    expect(wrong.status).toBe(401)
    expect((await api.updateUser(s.access_token, { password: `${PASSWORD}!`, nonce: r.body.nonce })).status).toBe(200)
    expect((await api.signIn('reauth@example.com', `${PASSWORD}!`)).status).toBe(200)
  })
})
