// TOTP secrets at rest: enrolment stores the secret sealed (AES-256-GCM, the data directory's key, a per-user HKDF
// key), not the base32 the authenticator got, and codes still check; a factor an earlier version stored in clear is
// sealed on the next start and keeps working (sign-in → requires_2fa → verify with a code from the same secret).
import fs from 'node:fs'
import * as OTPAuth from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'
import { newUser, sdk, PASSWORD } from './auth-client.js'

const dataDir = tempDataDir()
let rt: TestRuntime

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 })

beforeAll(async () => {
  rt = await startTestRuntime({ dataDir, auth: { rateLimitPerWindow: 0 } })
})
afterAll(async () => {
  await rt?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('TOTP secrets at rest', () => {
  it('enrolment stores the secret sealed, and enable/verify still check codes against it', async () => {
    const s = await newUser(rt, 'sealed-mfa@example.com')
    const setup = await sdk(rt).call<{ totp: { secret: string } }>('POST', '/api/v1/auth/2fa/setup', {}, s.access_token)
    expect(setup.status).toBe(200)
    const { rows } = await rt.admin.query<{ secret: string }>('SELECT secret FROM auth.mfa_factors WHERE user_id = $1', [s.user.id])
    expect(rows[0]!.secret).toMatch(/^v1\.[A-Za-z0-9_-]+$/)
    expect(rows[0]!.secret).not.toContain(setup.body.totp.secret)
    expect((await sdk(rt).call('POST', '/api/v1/auth/2fa/enable', { code: codeFor(setup.body.totp.secret) }, s.access_token)).status).toBe(200)
    const signIn = await sdk(rt).signIn('sealed-mfa@example.com')
    expect(signIn.body).toMatchObject({ requires_2fa: true })
    const verified = await sdk(rt).call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: codeFor(setup.body.totp.secret, 1) })
    expect(verified.status).toBe(200)
    expect(verified.body).toHaveProperty('access_token')
  })

  it('a factor stored in clear by an earlier version is sealed on the next start and keeps working', async () => {
    const s = await newUser(rt, 'clear-mfa@example.com')
    const clear = new OTPAuth.Secret({ size: 20 }).base32
    await rt.admin.query("INSERT INTO auth.mfa_factors (user_id, secret, status) VALUES ($1, $2, 'verified')", [s.user.id, clear])
    await rt.stop()
    rt = await startTestRuntime({ dataDir, auth: { rateLimitPerWindow: 0 } })
    const { rows } = await rt.admin.query<{ secret: string }>('SELECT secret FROM auth.mfa_factors WHERE user_id = $1', [s.user.id])
    expect(rows[0]!.secret).toMatch(/^v1\./)
    expect(rows[0]!.secret).not.toContain(clear)
    const signIn = await sdk(rt).signIn('clear-mfa@example.com', PASSWORD)
    expect(signIn.body).toMatchObject({ requires_2fa: true, user_id: s.user.id })
    const wrong = await sdk(rt).call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: codeFor(clear, 10) })
    expect(wrong.status).toBe(401)
    const verified = await sdk(rt).call('POST', '/api/v1/auth/2fa/verify', { user_id: s.user.id, code: codeFor(clear) })
    expect(verified.status).toBe(200)
    expect(verified.body).toHaveProperty('access_token')
  })
})
