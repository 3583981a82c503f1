// auth/keys.ts — the data directory's secrets: the JWT secret, the anon and service-role keys (long-lived JWTs
// signed with it) and the database passwords. Made once, kept in DIR/secrets.json (0600), stable across restarts.
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
}

interface SecretsFile {
  jwtSecret: string
  anonKey: string
  serviceRoleKey: string
  superuserPassword: string
  apiPassword: string
}

const random = (bytes: number) => crypto.randomBytes(bytes).toString('base64url')

export async function loadOrCreateKeys(dataDir: string): Promise<Keys> {
  const file = path.join(dataDir, 'secrets.json')
  let secrets: SecretsFile
  if (fs.existsSync(file)) {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile
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
    }
    // Written atomically: a crash here must not leave a half file that would lock the user out.
    const tmp = `${file}.tmp-${process.pid}`
    fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 })
    fs.renameSync(tmp, file)
  }
  return { ...secrets, secret: secretKey(secrets.jwtSecret) }
}
