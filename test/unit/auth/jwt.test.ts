// auth/jwt.ts + verified-tokens.ts: HS256 only, and the memo of verified tokens never outlives exp.
import crypto from 'node:crypto'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { secretKey, signJwt, verifyJwt, verifiedTokenCache, verifyJwtIgnoringExpiry } from '../../../electron/server/auth/jwt.js'
import { VerifiedTokenCache } from '../../../electron/server/auth/verified-tokens.js'

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const now = () => Math.floor(Date.now() / 1000)

describe('verifyJwt', () => {
  const secret = secretKey('unit-test-secret-'.repeat(4))

  it('accepts its own HS256 tokens and returns a frozen payload', async () => {
    const t = await signJwt(secret, { sub: 'u1', role: 'authenticated', user_metadata: { a: 1 } }, { expiresInSeconds: 60, jti: 'j1' })
    const r = await verifyJwt(secret, t)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.payload).toMatchObject({ sub: 'u1', jti: 'j1' })
    expect(Object.isFrozen(r.payload)).toBe(true)
    expect(Object.isFrozen(r.payload.user_metadata)).toBe(true)
    // The second verification is a cache hit: the very same object.
    const again = await verifyJwt(secret, t)
    expect(again.ok && again.payload).toBe(r.payload)
  })

  it.each([
    ['alg none', async () => `${b64({ alg: 'none' })}.${b64({ sub: 'x', exp: now() + 60 })}.`],
    ['HS384', async () => new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS384' }).sign(secret)],
    ['another secret', async () => signJwt(secretKey('another'), { sub: 'x' })],
    ['a truncated token', async () => (await signJwt(secret, { sub: 'x' })).slice(0, -3)],
  ])('refuses %s as invalid', async (_n, make) => {
    expect(await verifyJwt(secret, await make())).toEqual({ ok: false, reason: 'invalid' })
  })

  it('tells expired and not-yet-valid apart', async () => {
    const expired = await new SignJWT({ exp: now() - 1 }).setProtectedHeader({ alg: 'HS256' }).sign(secret)
    const early = await new SignJWT({ nbf: now() + 100 }).setProtectedHeader({ alg: 'HS256' }).sign(secret)
    expect(await verifyJwt(secret, expired)).toEqual({ ok: false, reason: 'expired' })
    expect(await verifyJwt(secret, early)).toEqual({ ok: false, reason: 'not_yet_valid' })
  })

  it('keeps caches apart per secret', async () => {
    const other = secretKey('other-secret')
    const t = await signJwt(secret, { sub: 'y' })
    await verifyJwt(secret, t)
    expect(verifiedTokenCache(secret).lookup(t)).toBeDefined()
    expect(await verifyJwt(other, t)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('verifyJwtIgnoringExpiry accepts a just-expired genuine token and nothing forged', async () => {
    const t = await new SignJWT({ sub: 'z', iat: now() - 900, nbf: now() - 900, exp: now() - 5 }).setProtectedHeader({ alg: 'HS256' }).sign(secret)
    expect(await verifyJwtIgnoringExpiry(secret, t)).toMatchObject({ sub: 'z' })
    const forged = `${t.split('.')[0]}.${b64({ sub: 'evil', exp: now() - 5 })}.${t.split('.')[2]}`
    expect(await verifyJwtIgnoringExpiry(secret, forged)).toBeUndefined()
    const none = `${b64({ alg: 'none' })}.${b64({ sub: 'evil', exp: now() - 5 })}.`
    expect(await verifyJwtIgnoringExpiry(secret, none)).toBeUndefined()
  })
})

describe('VerifiedTokenCache', () => {
  it('re-checks exp on every hit', () => {
    const cache = new VerifiedTokenCache()
    cache.remember('t', { exp: 1000 })
    expect(cache.lookup('t', 999)).toMatchObject({ ok: true })
    expect(cache.lookup('t', 1000)).toEqual({ ok: false, reason: 'expired' })
    // An expired entry is dropped, so the next lookup goes back to jose.
    expect(cache.lookup('t', 999)).toBeUndefined()
  })

  it('keeps tokens without exp (the anon and service keys)', () => {
    const cache = new VerifiedTokenCache()
    cache.remember('key', { role: 'anon' })
    expect(cache.lookup('key', 4_000_000_000)).toMatchObject({ ok: true })
  })

  it('evicts the oldest entry when full', () => {
    const cache = new VerifiedTokenCache(3)
    for (const t of ['a', 'b', 'c', 'd']) cache.remember(t, { sub: t })
    expect(cache.size).toBe(3)
    expect(cache.lookup('a')).toBeUndefined()
    expect(cache.lookup('d')).toMatchObject({ ok: true })
  })

  it('never caches across different token strings, however similar', () => {
    const cache = new VerifiedTokenCache()
    const t = crypto.randomBytes(20).toString('base64url')
    cache.remember(t, { sub: 'x' })
    expect(cache.lookup(t + 'A')).toBeUndefined()
  })
})
