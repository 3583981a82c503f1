// Rotating refresh tokens: a used one is refused, reuse after the grace revokes the session (theft detection),
// and concurrent refreshes of one token have exactly one winner whose session keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { claimsOf, expectInvalidToken, newUser, sdk } from './auth-client.js'

const GRACE_SECONDS = 1
let rt: TestRuntime
let api: ReturnType<typeof sdk>

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0, refreshReuseGraceSeconds: GRACE_SECONDS } })
  api = sdk(rt)
})
afterAll(async () => rt?.stop())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('refresh', () => {
  it('returns {access_token, refresh_token, expires_in} with no user, and rotates', async () => {
    const s = await newUser(rt, 'rotate@example.com')
    const r = await api.refresh(s.refresh_token, s.access_token)
    expect(r.status).toBe(200)
    expect(Object.keys(r.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token'])
    expect(r.body.refresh_token).not.toBe(s.refresh_token)
    expect(claimsOf(r.body.access_token).session_id).toBe(claimsOf(s.access_token).session_id)
    expect((await api.getUser(r.body.access_token)).status).toBe(200)
    // The new refresh token works in turn.
    const again = await api.refresh(r.body.refresh_token)
    expect(again.status).toBe(200)
  })

  it('refuses the token it just replaced (without revoking, inside the grace)', async () => {
    const s = await newUser(rt, 'used@example.com')
    const next = (await api.refresh(s.refresh_token)).body
    const reused = await api.refresh(s.refresh_token)
    expect(reused.status).toBe(401)
    expect(reused.body.code).toBe('REFRESH_TOKEN_ALREADY_USED')
    expect((await api.getUser(next.access_token)).status).toBe(200)
  })

  it('reuse after the grace revokes the whole session: new tokens die too', async () => {
    const s = await newUser(rt, 'theft@example.com')
    const next = (await api.refresh(s.refresh_token)).body
    await sleep(GRACE_SECONDS * 1000 + 200)
    const stolen = await api.refresh(s.refresh_token)
    expect(stolen.status).toBe(401)
    expect(stolen.body.code).toBe('REFRESH_TOKEN_REUSED')
    expectInvalidToken(await api.getUser(next.access_token))
    expect((await api.refresh(next.refresh_token)).status).toBe(401)
    const row = await rt.admin.query('SELECT revoked_reason FROM auth.sessions WHERE id = $1', [claimsOf(s.access_token).session_id])
    expect(row.rows[0].revoked_reason).toBe('refresh_token_reuse')
    expect(rt.ctx.logs.recent().some((e) => e.fields?.event_type === 'refresh_token_reuse')).toBe(true)
  })

  it('concurrent refreshes of one token: exactly one wins, and its session stays alive', async () => {
    const s = await newUser(rt, 'race@example.com')
    const results = await Promise.all(Array.from({ length: 8 }, () => api.refresh(s.refresh_token)))
    const winners = results.filter((r) => r.status === 200)
    const losers = results.filter((r) => r.status !== 200)
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(7)
    for (const l of losers) {
      expect(l.status).toBe(401)
      expect(l.body.code).toBe('REFRESH_TOKEN_ALREADY_USED')
    }
    const won = winners[0].body
    expect((await api.getUser(won.access_token)).status).toBe(200)
    expect((await api.refresh(won.refresh_token)).status).toBe(200)
  })

  it.each([
    ['an access token', async (s: { access_token: string }) => s.access_token, 'INVALID_REFRESH_TOKEN'],
    ['garbage', async () => 'nope', 'INVALID_REFRESH_TOKEN'],
  ])('refuses %s as a refresh token', async (_n, pick, code) => {
    const s = await newUser(rt, `refuse-${Math.random().toString(36).slice(2)}@example.com`)
    const r = await api.refresh(await pick(s))
    expect(r.status).toBe(401)
    expect(r.body.code).toBe(code)
  })

  it('refuses a missing refresh_token with 400', async () => {
    const r = await api.call('POST', '/api/v1/auth/refresh', {})
    expect(r.status).toBe(400)
  })

  it('refuses refresh after sign-out and after the user is deleted', async () => {
    const a = await newUser(rt, 'out-refresh@example.com')
    await api.signOut(a.access_token)
    expect((await api.refresh(a.refresh_token)).body.code).toBe('INVALID_REFRESH_TOKEN')
    const b = await newUser(rt, 'gone-refresh@example.com')
    await rt.api(`/api/v1/admin/users/${b.user.id}`, { method: 'DELETE' })
    expect((await api.refresh(b.refresh_token)).status).toBe(401)
  })

  it('a refreshed token carries the user as they are now (role and app_metadata changes apply)', async () => {
    const s = await newUser(rt, 'promoted@example.com')
    await rt.api(`/api/v1/admin/users/${s.user.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'editor', app_metadata: { roles: ['editor'] } }) })
    const r = await api.refresh(s.refresh_token)
    expect(claimsOf(r.body.access_token)).toMatchObject({ role: 'editor', app_metadata: { roles: ['editor'] } })
    expect((await rt.ctx.identifyToken(r.body.access_token)).dbRole).toBe('authenticated')
  })
})
