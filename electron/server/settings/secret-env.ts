// settings/secret-env.ts — the secret variables of one function call or job run (contract §2.4), opened only for
// that call: FLUXBASE_SECRET_* (legacy: global, then the namespace's, unexpired), FLUXBASE_SETTING_* (system
// secrets) and FLUXBASE_USER_* (the caller's or submitter's own secrets). A cron-started run has no caller and gets
// the legacy secrets only. One query as the API's login role; the key never leaves this process.
import type { ServerContext } from '../context.js'
import { sealerFor } from './secret-crypto.js'
import { envKey, isUuid } from './setting-keys.js'

export interface SecretEnvRequest {
  namespace: string
  /** The caller (functions) or submitter (jobs); null for anon, service keys and cron. */
  userId: string | null
  /** Started by a schedule: legacy secrets only. */
  cron?: boolean
}

const legacySubject = (namespace: string | null) => (namespace === null ? 'global' : `namespace:${namespace}`)

export function sealLegacySecret(ctx: ServerContext, name: string, namespace: string | null, value: string): string {
  return sealerFor(ctx.keys.encryptionKey, 'function-secret', legacySubject(namespace)).seal(value, name)
}

export function sealSystemSecret(ctx: ServerContext, key: string, value: string): string {
  return sealerFor(ctx.keys.encryptionKey, 'system-setting', 'system').seal(value, key)
}

export function sealUserSecret(ctx: ServerContext, userId: string, key: string, value: string): string {
  return sealerFor(ctx.keys.encryptionKey, 'user-secret', userId).seal(value, key)
}

interface SecretRow {
  kind: 'legacy' | 'system' | 'user'
  name: string
  namespace: string | null
  encrypted_value: string
}

// Legacy rows: globals sort first, so a namespace's secret of the same name overwrites them.
const SQL = `
  SELECT 'legacy' AS kind, name, namespace, encrypted_value FROM app.function_secrets
   WHERE (namespace IS NULL OR namespace = $1) AND (expires_at IS NULL OR expires_at > now())
  UNION ALL
  SELECT CASE WHEN user_id IS NULL THEN 'system' ELSE 'user' END, key, NULL, encrypted_value FROM app.settings
   WHERE is_secret AND NOT $3::boolean AND (user_id IS NULL OR user_id = $2::uuid)
  ORDER BY 1, 3 NULLS FIRST`

export async function secretEnv(ctx: ServerContext, req: SecretEnvRequest): Promise<Record<string, string>> {
  const userId = !req.cron && isUuid(req.userId) ? req.userId : null
  const { rows } = await ctx.pools.api.query<SecretRow>(SQL, [req.namespace, userId, req.cron === true])
  const env: Record<string, string> = {}
  const master = ctx.keys.encryptionKey
  const system = sealerFor(master, 'system-setting', 'system')
  const user = userId ? sealerFor(master, 'user-secret', userId) : undefined
  for (const r of rows) {
    try {
      if (r.kind === 'legacy') env[`FLUXBASE_SECRET_${envKey(r.name)}`] = sealerFor(master, 'function-secret', legacySubject(r.namespace)).open(r.encrypted_value, r.name)
      else if (r.kind === 'system') env[`FLUXBASE_SETTING_${envKey(r.name)}`] = system.open(r.encrypted_value, r.name)
      else if (user) env[`FLUXBASE_USER_${envKey(r.name)}`] = user.open(r.encrypted_value, r.name)
    } catch {
      // A value sealed under another key (a copied database, a row edited by hand) is left out, not passed garbled.
      ctx.logs.log({ category: 'system', level: 'warn', component: 'settings', message: `${r.kind} secret "${r.name}" could not be decrypted with this data directory's key; it was left out of the call's environment` })
    }
  }
  return env
}
