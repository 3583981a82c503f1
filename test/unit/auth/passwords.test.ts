// auth/passwords.ts: argon2id hashes, upstream's policy wording.
import { describe, expect, it } from 'vitest'
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../../electron/server/auth/passwords.js'

describe('passwords', () => {
  it('hashes with argon2id (salted: two hashes of one password differ) and verifies', async () => {
    const a = await hashPassword('correct horse battery staple')
    const b = await hashPassword('correct horse battery staple')
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword(a, 'correct horse battery staple')).toBe(true)
    expect(await verifyPassword(a, 'Correct horse battery staple')).toBe(false)
    expect(await verifyPassword('not a hash', 'x')).toBe(false)
  })

  it('enforces the minimum length in characters, with upstream wording', () => {
    expect(() => checkPasswordPolicy('short', 12)).toThrow('invalid password: password must be at least 12 characters')
    expect(() => checkPasswordPolicy(undefined, 12)).toThrow('invalid password: password is required')
    expect(() => checkPasswordPolicy(42, 12)).toThrow('invalid password')
    expect(checkPasswordPolicy('🔑🔑🔑🔑', 4)).toBe('🔑🔑🔑🔑')
    expect(checkPasswordPolicy('abc', 3)).toBe('abc')
  })
})
