// functions/secrets-store.ts — the secrets functions receive as environment variables (contract §2.4):
// FLUXBASE_SECRET_* (legacy, global plus the function's namespace), FLUXBASE_SETTING_* (system secrets) and
// FLUXBASE_USER_* (the caller's). Kept in DIR/function-secrets.json until a settings API owns them; this module
// is the one place that reads them, so that change stays here. The file is read again when it changes.
import fs from 'node:fs'
import path from 'node:path'

export interface SecretsFile {
  /** Legacy secrets for every namespace: name → value. */
  secrets?: Record<string, string>
  /** Legacy secrets per namespace (win over the global ones). */
  namespaces?: Record<string, Record<string, string>>
  /** System settings secrets: key → value. */
  settings?: Record<string, string>
  /** Per-user secrets: user id → key → value. */
  users?: Record<string, Record<string, string>>
}

export const SECRETS_FILE = 'function-secrets.json'
const envKey = (key: string) => key.replace(/[.\-\s]/g, '_').toUpperCase()

export function createSecretsStore(dataDir: string) {
  const file = path.join(dataDir, SECRETS_FILE)
  let cache: { mtimeMs: number; size: number; data: SecretsFile } | undefined

  function read(): SecretsFile {
    let st: fs.Stats
    try {
      st = fs.statSync(file)
    } catch {
      return {}
    }
    if (cache && cache.mtimeMs === st.mtimeMs && cache.size === st.size) return cache.data
    let data: SecretsFile = {}
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile
    } catch {
      // A half-written or hand-broken file gives no secrets rather than a failed call; the next write fixes it.
    }
    cache = { mtimeMs: st.mtimeMs, size: st.size, data }
    return data
  }

  return {
    file,
    /** The secret variables for one call. */
    envFor(namespace: string, userId: string | null): Record<string, string> {
      const d = read()
      const env: Record<string, string> = {}
      const put = (prefix: string, map: Record<string, unknown> | undefined) => {
        for (const [k, v] of Object.entries(map ?? {})) if (typeof v === 'string') env[`${prefix}${envKey(k)}`] = v
      }
      put('FLUXBASE_SECRET_', d.secrets)
      put('FLUXBASE_SECRET_', d.namespaces?.[namespace])
      put('FLUXBASE_SETTING_', d.settings)
      if (userId) put('FLUXBASE_USER_', d.users?.[userId])
      return env
    },
  }
}

export type SecretsStore = ReturnType<typeof createSecretsStore>
