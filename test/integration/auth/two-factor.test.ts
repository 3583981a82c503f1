// TOTP two-factor through the SDK's calls and shapes: setup2FA → {id, type, totp:{qr_code, secret, uri}},
// enable2FA(code) → backup codes, get2FAStatus, signIn → {requires_2fa, user_id}, verify2FA({user_id, code}) →
// tokens, disable2FA(password). Codes are generated from the secret with `otpauth`, as an authenticator app would.
// Refusals: a replayed code, a verify with no pending sign-in, and ten wrong codes → locked like passwords.
import * as OTPAuth from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { newUser, PASSWORD, sdk, studio, type Session } from './auth-client.js'

let rt: TestRuntime
let api: ReturnType<typeof sdk>

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
  api = sdk(rt)
})
afterAll(async () => rt?.stop())

interface Setup { id: string; type: string; totp: { qr_code: string; secret: string; uri: string } }

/** The code an authenticator shows `offsetSteps` periods from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 })
}

async function enrol(session: Session): Promise<{ setup: Setup; backup: string[] }> {
  const s = await api.call<Setup>('POST', '/api/v1/auth/2fa/setup', { issuer: 'Acme' }, session.access_token)
  expect(s.status).toBe(200)
  const e = await api.call<{ success: boolean; backup_codes: string[] }>('POST', '/api/v1/auth/2fa/enable', { code: codeFor(s.body.totp.secret) }, session.access_token)
  expect(e.status).toBe(200)
  return { setup: s.body, backup: e.body.backup_codes }
}

describe('enrolment', () => {
  it('setup2FA answers the secret, an otpauth URI and a QR code; enable2FA checks a code and returns backup codes', async () => {
    const s = await newUser(rt, 'mfa@example.com')
    const setup = await api.call<Setup>('POST', '/api/v1/auth/2fa/setup', { issuer: 'Acme' }, s.access_token)
    expect(setup.status).toBe(200)
    expect(setup.body.type).toBe('totp')
    expect(setup.body.totp.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(setup.body.totp.uri).toMatch(/^otpauth:\/\/totp\/Acme:mfa%40example\.com\?/)
    expect(setup.body.totp.uri).toContain(`secret=${setup.body.totp.secret}`)
    expect(setup.body.totp.qr_code).toMatch(/^data:image\/png;base64,/)
    const notYet = await api.call<{ all: unknown[] }>('GET', '/api/v1/auth/2fa/status', undefined, s.access_token)
    expect(notYet.body).toMatchObject({ enabled: false, all: [{ id: setup.body.id, type: 'totp', status: 'unverified' }] })
    const wrong = await api.call('POST', '/api/v1/auth/2fa/enable', { code: codeFor(setup.body.totp.secret, 5) }, s.access_token)
    expect(wrong.status).toBe(401)
    expect(wrong.body).toMatchObject({ code: 'INVALID_2FA_CODE', error: 'Invalid two-factor code' })
    const ok = await api.call<{ success: boolean; backup_codes: string[]; message: string }>('POST', '/api/v1/auth/2fa/enable', { code: codeFor(setup.body.totp.secret) }, s.access_token)
    expect(ok.status).toBe(200)
    expect(ok.body.success).toBe(true)
    expect(ok.body.backup_codes).toHaveLength(10)
    const status = await api.call<{ all: { status: string }[]; totp: unknown[] }>('GET', '/api/v1/auth/2fa/status', undefined, s.access_token)
    expect(status.body).toMatchObject({ enabled: true, all: [{ status: 'verified' }], totp: [{ status: 'verified' }] })
    expect((await api.call('POST', '/api/v1/auth/2fa/setup', {}, s.access_token)).status).toBe(409)
  })

  it('needs a user session (the anon key is refused)', async () => {
    expect((await api.call('POST', '/api/v1/auth/2fa/setup', {})).status).toBe(401)
  })
})

describe('signing in with a second factor', () => {
  it('signIn asks for the code; verify2FA with a fresh code gives tokens; a replayed code is refused', async () => {
    const s = await newUser(rt, 'login2fa@example.com')
    const { setup } = await enrol(s)
    const first = await api.signIn('login2fa@example.com')
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ requires_2fa: true, user_id: s.user.id })
    expect(first.body).not.toHaveProperty('access_token')
    // The enable step used the current step's code: the same code again is a replay.
    const replay = await api.call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: codeFor(setup.totp.secret) })
    expect(replay.status).toBe(401)
    const v = await api.call<Session & { token_type: string }>('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: codeFor(setup.totp.secret, 1) })
    expect(v.status).toBe(200)
    expect(v.body).toMatchObject({ user: { id: s.user.id, email: 'login2fa@example.com' }, token_type: 'bearer' })
    expect((await api.getUser(v.body.access_token)).status).toBe(200)
    // The challenge is used up: no second session from it.
    expect((await api.call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: codeFor(setup.totp.secret, 1) })).body.code).toBe('MFA_CHALLENGE_REQUIRED')
  })

  it('a backup code works once in place of the app code', async () => {
    const s = await newUser(rt, 'backup@example.com')
    const { backup } = await enrol(s)
    await api.signIn('backup@example.com')
    expect((await api.call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: backup[0] })).status).toBe(200)
    await api.signIn('backup@example.com')
    expect((await api.call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: backup[0] })).status).toBe(401)
  })

  it('verify2FA without a pending sign-in is refused: a user id alone gets nowhere', async () => {
    const s = await newUser(rt, 'nochallenge@example.com')
    const { setup } = await enrol(s)
    const r = await api.call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: codeFor(setup.totp.secret, 1) })
    expect(r.status).toBe(401)
    expect(r.body).toMatchObject({ code: 'MFA_CHALLENGE_REQUIRED', error: 'No two-factor sign-in is pending for this user' })
  })

  it('a one-time-code sign-in of a 2FA user also ends in the challenge', async () => {
    const s = await newUser(rt, 'otp2fa@example.com')
    await enrol(s)
    await api.call('POST', '/api/v1/auth/otp/signin', { email: 'otp2fa@example.com' })
    const mail = (await studio(rt)<{ messages: { token: string }[] }>('GET', '/studio/api/auth/mail?to=otp2fa@example.com')).body.messages[0]!
    const v = await api.call('POST', '/api/v1/auth/otp/verify', { email: 'otp2fa@example.com', token: mail.token, type: 'email' })
    expect(v.body).toMatchObject({ requires_2fa: true, user_id: s.user.id })
  })

  it('ten wrong codes lock the factor (403) like passwords; the right code is refused while locked', async () => {
    const s = await newUser(rt, 'locked2fa@example.com')
    const { setup } = await enrol(s)
    await api.signIn('locked2fa@example.com')
    const right = codeFor(setup.totp.secret, 1)
    const wrong = right === '000000' ? '111111' : '000000'
    for (let i = 1; i <= 9; i++) expect((await api.call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: wrong })).status).toBe(401)
    const tenth = await api.call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: wrong })
    expect(tenth.status).toBe(403)
    expect(tenth.body.code).toBe('MFA_LOCKED')
    expect(tenth.body.error).toMatch(/^Two-factor authentication locked after too many wrong codes/)
    expect((await api.call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: right })).body.code).toBe('MFA_LOCKED')
  })
})

describe('disable2FA', () => {
  it('needs the password; afterwards sign-in gives tokens directly', async () => {
    const s = await newUser(rt, 'disable@example.com')
    const { setup } = await enrol(s)
    const bad = await api.call('POST', '/api/v1/auth/2fa/disable', { password: 'wrong password here' }, s.access_token)
    expect(bad.status).toBe(401)
    const ok = await api.call<{ id: string }>('POST', '/api/v1/auth/2fa/disable', { password: PASSWORD }, s.access_token)
    expect(ok.status).toBe(200)
    expect(ok.body.id).toBe(setup.id)
    expect((await api.signIn('disable@example.com')).body).toHaveProperty('access_token')
    expect((await api.call('POST', '/api/v1/auth/2fa/disable', { password: PASSWORD }, s.access_token)).status).toBe(404)
  })
})
