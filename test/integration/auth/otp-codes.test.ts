// One-time codes through the SDK's own calls (signInWithOtp → POST /otp/signin, verifyOtp → /otp/verify,
// resendOtp → /otp/resend), the code read from the local inbox as a developer would; phone codes land there too,
// marked SMS. Refusals: a wrong code (401, and five of them burn the code), a used code, a bad type or address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { claimsOf, sdk, studio } from './auth-client.js'

let rt: TestRuntime
let api: ReturnType<typeof sdk>
let studioApi: ReturnType<typeof studio>

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { rateLimitPerWindow: 0 } })
  api = sdk(rt)
  studioApi = studio(rt)
})
afterAll(async () => rt?.stop())

interface Mail { id: string; kind: string; to: string; from: string; subject: string; token: string; text: string }

async function latest(to: string): Promise<Mail> {
  const list = await studioApi<{ messages: Mail[] }>('GET', `/studio/api/auth/mail?to=${encodeURIComponent(to)}`)
  expect(list.status).toBe(200)
  return list.body.messages[0]!
}

describe('email codes', () => {
  it('signInWithOtp creates the user, mails a 6-digit code; verifyOtp signs in and confirms the address', async () => {
    const sent = await api.call('POST', '/api/v1/auth/otp/signin', { email: 'Otp@Example.com', options: { shouldCreateUser: true, data: { name: 'Otto' } } })
    expect(sent.status).toBe(200)
    expect(sent.body).toMatchObject({ user: null, session: null })
    const mail = await latest('otp@example.com')
    expect(mail.kind).toBe('otp')
    expect(mail.token).toMatch(/^\d{6}$/)
    expect(mail.subject).toContain(mail.token)
    const v = await api.call<{ user: { email: string; email_verified: boolean; user_metadata: Record<string, unknown> }; access_token: string; refresh_token: string; expires_in: number }>(
      'POST', '/api/v1/auth/otp/verify', { email: 'otp@example.com', token: mail.token, type: 'email' })
    expect(v.status).toBe(200)
    expect(v.body.user).toMatchObject({ email: 'otp@example.com', email_verified: true, user_metadata: { name: 'Otto' } })
    expect(v.body.expires_in).toBeGreaterThan(0)
    expect(claimsOf(v.body.access_token)).toMatchObject({ email: 'otp@example.com', token_type: 'access' })
    expect((await api.getUser(v.body.access_token)).status).toBe(200)
    // Single use.
    const again = await api.call('POST', '/api/v1/auth/otp/verify', { email: 'otp@example.com', token: mail.token, type: 'email' })
    expect(again.status).toBe(401)
    expect(again.body).toMatchObject({ code: 'INVALID_OTP', error: 'Token has expired or is invalid' })
  })

  it('resendOtp replaces the code: the old one stops working, the new one works', async () => {
    await api.call('POST', '/api/v1/auth/otp/signin', { email: 'resend@example.com' })
    const first = await latest('resend@example.com')
    expect((await api.call('POST', '/api/v1/auth/otp/resend', { type: 'email', email: 'resend@example.com' })).status).toBe(200)
    const second = await latest('resend@example.com')
    expect(second.id).not.toBe(first.id)
    if (second.token !== first.token) {
      expect((await api.call('POST', '/api/v1/auth/otp/verify', { email: 'resend@example.com', token: first.token, type: 'email' })).status).toBe(401)
    }
    expect((await api.call('POST', '/api/v1/auth/otp/verify', { email: 'resend@example.com', token: second.token, type: 'email' })).status).toBe(200)
  })

  it('five wrong guesses burn the code, so the right one no longer works', async () => {
    await api.call('POST', '/api/v1/auth/otp/signin', { email: 'guess@example.com' })
    const mail = await latest('guess@example.com')
    const wrong = mail.token === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) expect((await api.call('POST', '/api/v1/auth/otp/verify', { email: 'guess@example.com', token: wrong, type: 'email' })).status).toBe(401)
    expect((await api.call('POST', '/api/v1/auth/otp/verify', { email: 'guess@example.com', token: mail.token, type: 'email' })).status).toBe(401)
  })

  it('shouldCreateUser: false for an unknown address is refused in words; bad input is a 400 naming it', async () => {
    const r = await api.call('POST', '/api/v1/auth/otp/signin', { email: 'ghost@example.com', options: { shouldCreateUser: false } })
    expect(r.status).toBe(422)
    expect(r.body.error).toBe('no user with the email ghost@example.com, and shouldCreateUser is false')
    expect((await api.call('POST', '/api/v1/auth/otp/signin', {})).body.error).toBe('send either email or phone (exactly one of them)')
    expect((await api.call('POST', '/api/v1/auth/otp/verify', { email: 'otp@example.com', token: '123456', type: 'carrier-pigeon' })).body.error).toMatch(/^unknown OTP type "carrier-pigeon"/)
    expect((await api.call('POST', '/api/v1/auth/otp/resend', { type: 'sms', email: 'otp@example.com' })).status).toBe(400)
  })
})

describe('phone codes (SMS, kept in the local inbox)', () => {
  it('signInWithOtp({ phone }) leaves an SMS-marked message; verifyOtp type sms signs in a phone-only user', async () => {
    const sent = await api.call('POST', '/api/v1/auth/otp/signin', { phone: '+1 (555) 010-9999' })
    expect(sent.status).toBe(200)
    const sms = await latest('+15550109999')
    expect(sms).toMatchObject({ kind: 'sms', from: 'SMS' })
    expect(sms.token).toMatch(/^\d{6}$/)
    const v = await api.call<{ user: { phone: string; email: string }; access_token: string }>('POST', '/api/v1/auth/otp/verify', { phone: '+15550109999', token: sms.token, type: 'sms' })
    expect(v.status).toBe(200)
    expect(v.body.user).toMatchObject({ phone: '+15550109999', email: '' })
    const { rows } = await rt.admin.query('SELECT phone_verified FROM auth.users WHERE phone = $1', ['+15550109999'])
    expect(rows[0].phone_verified).toBe(true)
    expect((await api.call('POST', '/api/v1/auth/otp/signin', { phone: 'not a number' })).body.error).toMatch(/^invalid phone number/)
  })
})
