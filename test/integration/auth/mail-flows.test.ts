// The local mail inbox end to end: sign-up confirmation (required here), magic link, password reset and admin
// invitations. Mails land in DIR/mail and are listed through the studio and the admin API.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { claimsOf, expectInvalidToken, PASSWORD, sdk, studio, type Session } from './auth-client.js'

interface Mail {
  id: string
  kind: string
  to: string
  subject: string
  text: string
  html: string
  link: string
  token: string
  read: boolean
}

let rt: TestRuntime
let api: ReturnType<typeof sdk>
let studioApi: ReturnType<typeof studio>

beforeAll(async () => {
  rt = await startTestRuntime({ auth: { requireEmailConfirmation: true, rateLimitPerWindow: 0 } })
  api = sdk(rt)
  studioApi = studio(rt)
})
afterAll(async () => rt?.stop())

async function latestMail(to: string, kind?: string): Promise<Mail> {
  const list = await studioApi<{ messages: { id: string }[]; total: number }>('GET', `/studio/api/auth/mail?to=${encodeURIComponent(to)}${kind ? `&kind=${kind}` : ''}`)
  expect(list.status).toBe(200)
  expect(list.body.messages.length).toBeGreaterThan(0)
  const one = await studioApi<Mail>('GET', `/studio/api/auth/mail/${list.body.messages[0].id}`)
  expect(one.status).toBe(200)
  return one.body
}

describe('sign-up with confirmation required', () => {
  it('returns no tokens, refuses sign-in until the mail link is followed, then lets the user in', async () => {
    const r = await api.signUp('confirm@example.com', PASSWORD, { redirect_to: 'http://localhost:5173/welcome' })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ requires_email_verification: true, user: { email: 'confirm@example.com', email_verified: false } })
    expect(r.body).not.toHaveProperty('access_token')
    const refused = await api.signIn('confirm@example.com')
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED')

    const mail = await latestMail('confirm@example.com')
    expect(mail).toMatchObject({ kind: 'signup', subject: 'Confirm your signup', read: true })
    expect(mail.link.startsWith('http://localhost:5173/welcome?')).toBe(true)
    expect(new URL(mail.link).searchParams.get('token')).toBe(mail.token)
    expect(mail.text).toContain(mail.link)
    // The mail is a file in the data directory, readable only by its owner.
    const file = path.join(rt.info.dataDir, 'mail', `${mail.id}.json`)
    expect(fs.statSync(file).mode & 0o077).toBe(0)

    const verified = await api.call('POST', '/api/v1/auth/verify-email', { token: mail.token })
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ user: { email_verified: true } })
    expect((await api.call('POST', '/api/v1/auth/verify-email', { token: mail.token })).status).toBe(400)
    expect((await api.signIn('confirm@example.com')).status).toBe(200)
  })

  it('the default link (no redirect_to) confirms in the browser through GET /api/v1/auth/verify', async () => {
    await api.signUp('browser@example.com')
    const mail = await latestMail('browser@example.com')
    expect(mail.link.startsWith(`${rt.info.apiUrl}/api/v1/auth/verify?`)).toBe(true)
    const page = await fetch(mail.link)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('browser@example.com is confirmed')
    expect((await api.signIn('browser@example.com')).status).toBe(200)
    expect((await fetch(mail.link)).status).toBe(400)
  })

  it('resend sends a fresh link that replaces the old one', async () => {
    await api.signUp('resend@example.com')
    const first = await latestMail('resend@example.com')
    const r = await api.call('POST', '/api/v1/auth/verify-email/resend', { email: 'resend@example.com' })
    expect(r.status).toBe(200)
    const second = await latestMail('resend@example.com')
    expect(second.id).not.toBe(first.id)
    expect((await api.call('POST', '/api/v1/auth/verify-email', { token: first.token })).status).toBe(400)
    expect((await api.call('POST', '/api/v1/auth/verify-email', { token: second.token })).status).toBe(200)
  })
})

describe('magic link', () => {
  it('sends a link whose token signs the user in once', async () => {
    const sent = await api.call('POST', '/api/v1/auth/magiclink', { email: 'Magic@Example.com', redirect_to: 'http://localhost:3000/callback' })
    expect(sent.status).toBe(200)
    expect(sent.body).toMatchObject({ user: null, session: null })
    const mail = await latestMail('magic@example.com', 'magiclink')
    expect(mail.subject).toBe('Your magic link')
    expect(mail.link.startsWith('http://localhost:3000/callback?')).toBe(true)
    const r = await api.call<Session>('POST', '/api/v1/auth/magiclink/verify', { token: mail.token })
    expect(r.status).toBe(200)
    expect(r.body.user).toMatchObject({ email: 'magic@example.com', email_verified: true })
    expect((await api.getUser(r.body.access_token)).status).toBe(200)
    const again = await api.call('POST', '/api/v1/auth/magiclink/verify', { token: mail.token })
    expect(again.status).toBe(400)
    expect(again.body.error).toBe('Invalid or expired magic link token')
  })

  it('an expired link is refused', async () => {
    await api.call('POST', '/api/v1/auth/magiclink', { email: 'late-magic@example.com' })
    const mail = await latestMail('late-magic@example.com', 'magiclink')
    await rt.admin.query("UPDATE auth.one_time_tokens SET expires_at = now() - interval '1 second' WHERE email = 'late-magic@example.com'")
    expect((await api.call('POST', '/api/v1/auth/magiclink/verify', { token: mail.token })).status).toBe(400)
  })

  it('refuses a redirect_to that is not http(s)', async () => {
    const r = await api.call('POST', '/api/v1/auth/magiclink', { email: 'x@example.com', redirect_to: 'javascript:alert(1)' })
    expect(r.status).toBe(400)
    expect(r.body.code).toBe('INVALID_REDIRECT_URL')
  })

  it('a browser opening a magic link with a redirect_to is sent to the app with the token', async () => {
    await api.call('POST', '/api/v1/auth/magiclink', { email: 'hop@example.com', redirect_to: 'http://localhost:3000/cb' })
    const mail = await latestMail('hop@example.com', 'magiclink')
    const viaApi = `${rt.info.apiUrl}/api/v1/auth/verify?token=${mail.token}&type=magiclink`
    const r = await fetch(viaApi, { redirect: 'manual' })
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`http://localhost:3000/cb?token=${mail.token}&type=magiclink`)
  })
})

describe('password reset', () => {
  let before: Session
  it('works end to end through the inbox', async () => {
    await rt.api('/api/v1/admin/users', { method: 'POST', body: JSON.stringify({ email: 'forgetful@example.com', password: PASSWORD }) })
    before = (await api.signIn('forgetful@example.com')).body
    const asked = await api.call('POST', '/api/v1/auth/password/reset', { email: 'forgetful@example.com' })
    expect(asked.status).toBe(200)
    const mail = await latestMail('forgetful@example.com', 'recovery')
    expect(mail.subject).toBe('Reset your password')

    const check = await api.call('POST', '/api/v1/auth/password/reset/verify', { token: mail.token })
    expect(check.body).toEqual({ valid: true, message: 'Token is valid' })
    // A too-short password is refused without spending the token.
    expect((await api.call('POST', '/api/v1/auth/password/reset/confirm', { token: mail.token, new_password: 'short' })).status).toBe(400)
    const done = await api.call<Session>('POST', '/api/v1/auth/password/reset/confirm', { token: mail.token, new_password: 'a new and better passphrase' })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ user: { email: 'forgetful@example.com' }, expires_in: 900 })
    expect((await api.getUser(done.body.access_token)).status).toBe(200)

    expect((await api.signIn('forgetful@example.com', PASSWORD)).status).toBe(401)
    expect((await api.signIn('forgetful@example.com', 'a new and better passphrase')).status).toBe(200)
    // Sessions from before the reset are over; the token is spent.
    expectInvalidToken(await api.getUser(before.access_token))
    expect((await api.call('POST', '/api/v1/auth/password/reset/verify', { token: mail.token })).status).toBe(400)
    expect((await api.call('POST', '/api/v1/auth/password/reset/confirm', { token: mail.token, new_password: 'yet another passphrase' })).status).toBe(400)
  })

  it('answers the same for an unknown address, and sends nothing', async () => {
    const before = (await studioApi<{ total: number }>('GET', '/studio/api/auth/mail')).body.total
    const r = await api.call('POST', '/api/v1/auth/password/reset', { email: 'ghost@example.com' })
    expect(r.status).toBe(200)
    expect((await studioApi<{ total: number }>('GET', '/studio/api/auth/mail')).body.total).toBe(before)
  })
})

describe('invitations and the inbox API', () => {
  it('an invited user accepts through the invitation link, then sets a password', async () => {
    const r = await rt.api('/api/v1/admin/users/invite', { method: 'POST', body: JSON.stringify({ email: 'invitee@example.com', role: 'editor' }) })
    expect(r.status).toBe(201)
    const body = (await r.json()) as { user: { id: string }; invitation_link: string }
    expect(body.invitation_link).toContain('type=invite')
    const mail = await latestMail('invitee@example.com', 'invite')
    const s = await api.call<Session>('POST', '/api/v1/auth/magiclink/verify', { token: mail.token })
    expect(s.status).toBe(200)
    expect(claimsOf(s.body.access_token).role).toBe('editor')
    expect((await api.updateUser(s.body.access_token, { password: PASSWORD })).status).toBe(200)
    expect((await api.signIn('invitee@example.com')).status).toBe(200)
  })

  it('the admin API lists, reads and deletes mails (service_role only)', async () => {
    const list = await rt.api('/api/v1/admin/mail?kind=recovery')
    expect(list.status).toBe(200)
    const { messages, total } = (await list.json()) as { messages: { id: string; kind: string; preview: string }[]; total: number }
    expect(total).toBeGreaterThan(0)
    expect(messages.every((m) => m.kind === 'recovery')).toBe(true)
    expect(messages[0]).not.toHaveProperty('html')
    expect((await rt.api('/api/v1/admin/mail', { token: rt.info.anonKey })).status).toBe(403)
    expect((await rt.api(`/api/v1/admin/mail/${messages[0].id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await rt.api(`/api/v1/admin/mail/${messages[0].id}`)).status).toBe(404)
    const cleared = await studioApi<{ deleted: number }>('DELETE', '/studio/api/auth/mail')
    expect(cleared.body.deleted).toBeGreaterThan(0)
    expect((await studioApi<{ total: number }>('GET', '/studio/api/auth/mail')).body.total).toBe(0)
    expect((await studioApi('GET', '/studio/api/auth/mail', undefined, 'not-the-token')).status).toBe(401)
  })
})
