// auth/keys.ts — the data directory's secrets: the JWT secret, the anon and service-role keys (long-lived JWTs
// signed with it), the database passwords and the key settings secrets are encrypted with (settings/secret-crypto.ts).
// Made once, kept in DIR/secrets.json (0600), stable across restarts; user code never reaches this file.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { secretKey, JWT_ISSUER } from './jwt-key.js'

export interface Keys {
  jwtSecret: string
  secret: Uint8Array
  anonKey: string
  serviceRoleKey: string
  superuserPassword: string
  apiPassword: string
  /** 32 bytes: the master key of settings secrets, legacy function secrets and TOTP secrets (AES-256-GCM, HKDF). */
  encryptionKey: Buffer
}

interface SecretsFile {
  jwtSecret: string
  anonKey: string
  serviceRoleKey: string
  superuserPassword: string
  apiPassword: string
  /** Added by a later version: a data directory made before it gets one on its next start. */
  encryptionKey?: string
}

const random = (bytes: number) => crypto.randomBytes(bytes).toString('base64url')

export async function loadOrCreateKeys(dataDir: string): Promise<Keys> {
  const file = path.join(dataDir, 'secrets.json')
  let secrets: SecretsFile
  if (fs.existsSync(file)) {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile
    if (!secrets.encryptionKey) {
      secrets.encryptionKey = random(32)
      writeAtomically(file, secrets)
    }
  } else {
    // jose only when the keys are made (first start): a warm start reads them back.
    const { signJwt } = await import('./jwt.js')
    const jwtSecret = random(48)
    const key = secretKey(jwtSecret)
    secrets = {
      jwtSecret,
      anonKey: await signJwt(key, { role: 'anon', iss: JWT_ISSUER }),
      serviceRoleKey: await signJwt(key, { role: 'service_role', iss: JWT_ISSUER }),
      superuserPassword: random(18),
      apiPassword: random(18),
      encryptionKey: random(32),
    }
    writeAtomically(file, secrets)
  }
  return { ...secrets, secret: secretKey(secrets.jwtSecret), encryptionKey: Buffer.from(secrets.encryptionKey!, 'base64url') }
}

// Written atomically: a crash here must not leave a half file that would lock the user out.
function writeAtomically(file: string, secrets: SecretsFile): void {
  const tmp = `${file}.tmp-${process.pid}`
  fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  fs.renameSync(tmp, file)
}
