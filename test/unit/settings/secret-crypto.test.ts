// settings/secret-crypto.ts: a sealed value opens with the key and binding it was sealed under and with nothing else
// (another user's key, another row's name, another purpose, a flipped byte); the data directory's key file gains an
// encryption key on the first start of a version that needs one, keeping every other key.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deriveKey, open, seal, sealerFor } from '../../../electron/server/settings/secret-crypto.js'
import { loadOrCreateKeys } from '../../../electron/server/auth/keys.js'

const master = crypto.randomBytes(32)
const ALICE = '00000000-0000-4000-8000-0000000000a1'
const BOB = '00000000-0000-4000-8000-0000000000b0'

describe('secret-crypto', () => {
  it('round-trips, with a fresh IV each time', () => {
    const s = sealerFor(master, 'user-secret', ALICE)
    const a = s.seal('sk_live_1', 'openai.key')
    expect(a).toMatch(/^v1\./)
    expect(a).not.toBe(s.seal('sk_live_1', 'openai.key'))
    expect(s.open(a, 'openai.key')).toBe('sk_live_1')
  })

  it("does not open under bob's key, another key name, another purpose or the wrong master", () => {
    const sealed = sealerFor(master, 'user-secret', ALICE).seal('sk_live_1', 'openai.key')
    expect(() => sealerFor(master, 'user-secret', BOB).open(sealed, 'openai.key')).toThrow()
    expect(() => sealerFor(master, 'user-secret', ALICE).open(sealed, 'github.token')).toThrow()
    expect(() => sealerFor(master, 'system-setting', ALICE).open(sealed, 'openai.key')).toThrow()
    expect(() => sealerFor(crypto.randomBytes(32), 'user-secret', ALICE).open(sealed, 'openai.key')).toThrow()
  })

  it('refuses a tampered or truncated value', () => {
    const key = deriveKey(master, 'totp', ALICE)
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP', 'x')
    const raw = Buffer.from(sealed.slice(3), 'base64url')
    raw[raw.length - 1] ^= 1
    expect(() => open(key, `v1.${raw.toString('base64url')}`, 'x')).toThrow()
    expect(() => open(key, 'v1.AAAA', 'x')).toThrow(/too short/)
    expect(() => open(key, 'JBSWY3DPEHPK3PXP', 'x')).toThrow(/not a sealed value/)
  })

  it('derives different keys per purpose and subject (HKDF)', () => {
    expect(deriveKey(master, 'user-secret', ALICE).equals(deriveKey(master, 'user-secret', BOB))).toBe(false)
    expect(deriveKey(master, 'user-secret', ALICE).equals(deriveKey(master, 'totp', ALICE))).toBe(false)
    expect(deriveKey(master, 'user-secret', ALICE).equals(deriveKey(master, 'user-secret', ALICE))).toBe(true)
  })
})

describe('the encryption key in secrets.json', () => {
  it('is made with the other keys, and added (keeping them) to a file from before it existed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-keys-'))
    try {
      const first = await loadOrCreateKeys(dir)
      expect(first.encryptionKey).toHaveLength(32)
      const file = path.join(dir, 'secrets.json')
      const old = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>
      delete old.encryptionKey
      fs.writeFileSync(file, JSON.stringify(old))
      const again = await loadOrCreateKeys(dir)
      expect(again.encryptionKey).toHaveLength(32)
      expect(again.encryptionKey.equals(first.encryptionKey)).toBe(false)
      expect({ jwt: again.jwtSecret, anon: again.anonKey, api: again.apiPassword }).toEqual({ jwt: first.jwtSecret, anon: first.anonKey, api: first.apiPassword })
      expect((await loadOrCreateKeys(dir)).encryptionKey.equals(again.encryptionKey)).toBe(true)
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
