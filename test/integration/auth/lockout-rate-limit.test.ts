// Account lock-out after repeated failures (configurable, with an off switch) and the per-IP rate limit on the
// public auth endpoints, which never stands in the studio's way.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { PASSWORD, sdk, studio } from './auth-client.js'

let rt: TestRuntime
let api: ReturnType<typeof sdk>
let studioApi: ReturnType<typeof studio>

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { lockoutMaxAttempts: 3, lockoutMinutes: 10, rateLimitPerWindow: 0 } })
  api = sdk(rt)
  studioApi = studio(rt)
})
afterAll(async () => rt?.stop())

async function settings(patch: Record<string, unknown>) {
  const r = await studioApi('PATCH', '/studio/api/auth/settings', patch)
  expect(r.status).toBe(200)
}

describe('lock-out', () => {
  beforeEach(() => settings({ lockoutMaxAttempts: 3, rateLimitPerWindow: 0 }))

  it('locks after the configured number of failures in a row; the right password is then refused too', async () => {
    await api.signUp('locked@example.com')
    expect((await api.signIn('locked@example.com', 'wrong password 1')).status).toBe(401)
    expect((await api.signIn('locked@example.com', 'wrong password 2')).status).toBe(401)
    const third = await api.signIn('locked@example.com', 'wrong password 3')
    expect(third.status).toBe(403)
    expect(third.body.code).toBe('ACCOUNT_LOCKED')
    const right = await api.signIn('locked@example.com', PASSWORD)
    expect(right.status).toBe(403)
    expect(right.body).toMatchObject({ code: 'ACCOUNT_LOCKED' })
    expect(String(right.body.error)).toMatch(/Try again in 10 minutes/)
    expect(rt.ctx.logs.recent().some((e) => e.fields?.event_type === 'account_locked' && e.fields?.email === 'locked@example.com')).toBe(true)
  })

  it('the studio can unlock the account', async () => {
    const users = await studioApi<{ users: { id: string; locked_until: string | null }[] }>('GET', '/studio/api/auth/users?search=locked@example.com')
    expect(users.body.users[0].locked_until).toBeTruthy()
    const r = await studioApi('PATCH', `/studio/api/auth/users/${users.body.users[0].id}`, { unlock: true })
    expect(r.status).toBe(200)
    expect(r.body.locked_until).toBeNull()
    expect((await api.signIn('locked@example.com', PASSWORD)).status).toBe(200)
  })

  it('a success resets the count', async () => {
    await api.signUp('resets@example.com')
    await api.signIn('resets@example.com', 'wrong password 1')
    await api.signIn('resets@example.com', 'wrong password 2')
    expect((await api.signIn('resets@example.com', PASSWORD)).status).toBe(200)
    await api.signIn('resets@example.com', 'wrong password 3')
    await api.signIn('resets@example.com', 'wrong password 4')
    expect((await api.signIn('resets@example.com', PASSWORD)).status).toBe(200)
  })

  it('an expired lock lets the right password in', async () => {
    await api.signUp('expired-lock@example.com')
    for (let i = 0; i < 3; i++) await api.signIn('expired-lock@example.com', `wrong password ${i}`)
    expect((await api.signIn('expired-lock@example.com', PASSWORD)).status).toBe(403)
    await rt.admin.query("UPDATE auth.users SET locked_until = now() - interval '1 second' WHERE email = 'expired-lock@example.com'")
    expect((await api.signIn('expired-lock@example.com', PASSWORD)).status).toBe(200)
  })

  it('has an off switch', async () => {
    await settings({ lockoutMaxAttempts: 0 })
    await api.signUp('never-locked@example.com')
    for (let i = 0; i < 6; i++) expect((await api.signIn('never-locked@example.com', `wrong password ${i}`)).status).toBe(401)
    expect((await api.signIn('never-locked@example.com', PASSWORD)).status).toBe(200)
  })
})

describe('rate limit per IP', () => {
  beforeEach(() => settings({ lockoutMaxAttempts: 0, rateLimitPerWindow: 5, rateLimitWindowSeconds: 60 }))

  it('answers 429 with Retry-After once an IP exceeds the limit on sign-in and sign-up', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await api.signIn('nobody@example.com', 'wrong password!')).status)
    statuses.push((await api.signUp('limited@example.com')).status)
    const limited = await api.signIn('nobody@example.com', 'wrong password!')
    expect(statuses).toEqual([401, 401, 401, 401, 201])
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('RATE_LIMITED')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await api.signUp('limited-2@example.com')).status).toBe(429)
    expect((await api.call('POST', '/api/v1/auth/magiclink', { email: 'limited@example.com' })).status).toBe(429)
    expect(rt.ctx.logs.recent().some((e) => e.fields?.event_type === 'rate_limited')).toBe(true)
  })

  it('does not limit the studio, service_role callers, or refresh', async () => {
    for (let i = 0; i < 6; i++) await api.signIn('nobody@example.com', 'wrong password!')
    expect((await api.signIn('nobody@example.com', 'wrong password!')).status).toBe(429)
    // The studio's own auth pages keep working from the same IP.
    expect((await studioApi('GET', '/studio/api/auth/users')).status).toBe(200)
    expect((await studioApi('POST', '/studio/api/auth/users', { email: 'made-by-studio@example.com', password: PASSWORD })).status).toBe(201)
    expect((await studioApi('POST', '/studio/api/auth/impersonate/anon', { reason: 'while limited' })).status).toBe(200)
    // A seed script with the service key is not guessing passwords.
    const seeded = await api.call('POST', '/api/v1/auth/signup', { email: 'seeded@example.com', password: PASSWORD }, rt.info.serviceRoleKey)
    expect(seeded.status).toBe(201)
    const refreshed = await api.refresh((seeded.body as { refresh_token: string }).refresh_token)
    expect(refreshed.status).toBe(200)
  })

  it('has an off switch (and changing the limit starts a clean window)', async () => {
    for (let i = 0; i < 6; i++) await api.signIn('nobody@example.com', 'wrong password!')
    await settings({ rateLimitPerWindow: 0 })
    for (let i = 0; i < 10; i++) expect((await api.signIn('nobody@example.com', 'wrong password!')).status).toBe(401)
  })
})

describe('studio settings', () => {
  it('needs the studio token and validates the patch', async () => {
    expect((await studioApi('GET', '/studio/api/auth/settings', undefined, 'wrong')).status).toBe(401)
    expect((await studioApi('PATCH', '/studio/api/auth/settings', { lockoutMaxAttempts: -1 })).status).toBe(400)
    expect((await studioApi('PATCH', '/studio/api/auth/settings', { nonsense: true })).status).toBe(400)
    const r = await studioApi<{ settings: Record<string, unknown> }>('GET', '/studio/api/auth/settings')
    expect(r.body.settings).toMatchObject({ accessTokenTtlSeconds: 900, minPasswordLength: 12 })
  })
})
