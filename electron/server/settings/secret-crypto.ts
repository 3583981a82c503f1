// settings/secret-crypto.ts — how every secret at rest is sealed: AES-256-GCM under a key derived by HKDF-SHA256
// from the data directory's master key (auth/keys.ts, DIR/secrets.json) for one purpose and one subject (a user's
// own key for their secrets, one for system settings, one for legacy function secrets, one per user for TOTP).
// Pure: no I/O. The row's identity (scope and key) is bound as additional data, so a ciphertext copied into another
// row, or another user's row, fails to open instead of answering with someone else's value.
import crypto from 'node:crypto'

export type SecretPurpose = 'system-setting' | 'user-secret' | 'function-secret' | 'totp'

const PREFIX = 'v1.'
const IV_BYTES = 12
const TAG_BYTES = 16

/** HKDF-SHA256(master, salt = purpose, info = subject) → 32 bytes. */
export function deriveKey(master: Buffer, purpose: SecretPurpose, subject: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, `fluxbase:${purpose}`, subject, 32))
}

/** `v1.` + base64url(iv | tag | ciphertext): text, so it fits a text column and reads in a dump as what it is. */
export function seal(key: Buffer, plaintext: string, boundTo: string): string {
  const iv = crypto.randomBytes(IV_BYTES)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(boundTo, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

export function isSealed(text: string): boolean {
  return text.startsWith(PREFIX)
}

/** The plaintext, or throws (wrong key, wrong row, tampered text). */
export function open(key: Buffer, sealed: string, boundTo: string): string {
  if (!isSealed(sealed)) throw new Error('not a sealed value')
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url')
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short')
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(boundTo, 'utf8'))
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
}

/** The sealer of one purpose/subject: what callers use, so the binding is spelled once. */
export function sealerFor(master: Buffer, purpose: SecretPurpose, subject: string) {
  const key = deriveKey(master, purpose, subject)
  return {
    seal: (plaintext: string, name: string) => seal(key, plaintext, `${purpose}:${subject}:${name}`),
    open: (sealed: string, name: string) => open(key, sealed, `${purpose}:${subject}:${name}`),
  }
}
