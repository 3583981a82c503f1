// settings/legacy-file-import.ts — DIR/function-secrets.json (the clear-text store functions read before settings
// existed) moved into the encrypted tables: `secrets` → global legacy secrets, `namespaces` → per-namespace ones,
// `settings` → system secrets, `users` → each user's secrets. Run at start and whenever the file appears again (a
// developer or a script may still drop one in); each value it names is set (upsert), then the file is renamed to
// function-secrets.imported-<time>.json beside it — kept, not deleted, for the developer to remove once checked.
import fs from 'node:fs'
import path from 'node:path'
import type { ServerContext } from '../context.js'
import { inTransaction } from '../auth/transaction.js'
import { sealLegacySecret, sealSystemSecret, sealUserSecret } from './secret-env.js'
import { isUuid } from './setting-keys.js'

export const LEGACY_SECRETS_FILE = 'function-secrets.json'

interface LegacyFile {
  secrets?: Record<string, unknown>
  namespaces?: Record<string, Record<string, unknown>>
  settings?: Record<string, unknown>
  users?: Record<string, Record<string, unknown>>
}

const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$/
const strings = (map: Record<string, unknown> | undefined) => Object.entries(map ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && KEY.test(e[0]))

/** Imports the file if it is there; returns how many values it set (0: no file). */
export async function importLegacySecretsFile(ctx: ServerContext): Promise<number> {
  const file = path.join(ctx.config.dataDir, LEGACY_SECRETS_FILE)
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return 0
  }
  let data: LegacyFile
  try {
    data = JSON.parse(text) as LegacyFile
  } catch (err) {
    // Left in place, untouched: a half-written file is finished by its writer and imported on the next call.
    ctx.logs.log({ category: 'system', level: 'warn', component: 'settings', message: `${LEGACY_SECRETS_FILE} is not valid JSON (${(err as Error).message}); not imported yet` })
    return 0
  }
  let count = 0
  await inTransaction(ctx.pools.api, async (client) => {
    const legacy = (name: string, namespace: string | null, value: string) =>
      client.query(
        `INSERT INTO app.function_secrets (name, namespace, encrypted_value, description) VALUES ($1, $2, $3, 'imported from function-secrets.json')
         ON CONFLICT (name, (coalesce(namespace, ''))) DO UPDATE SET encrypted_value = EXCLUDED.encrypted_value, version = app.function_secrets.version + 1, updated_at = now()`,
        [name, namespace, sealLegacySecret(ctx, name, namespace, value)],
      )
    for (const [name, value] of strings(data.secrets)) count += (await legacy(name, null, value)).rowCount ?? 0
    for (const [ns, map] of Object.entries(data.namespaces ?? {})) for (const [name, value] of strings(map)) count += (await legacy(name, ns, value)).rowCount ?? 0
    for (const [key, value] of strings(data.settings)) {
      const r = await client.query(
        `INSERT INTO app.settings (key, encrypted_value, is_secret, description) VALUES ($1, $2, true, 'imported from function-secrets.json')
         ON CONFLICT (key) WHERE user_id IS NULL DO UPDATE SET value = NULL, encrypted_value = EXCLUDED.encrypted_value, is_secret = true, is_public = false, updated_at = now()`,
        [key, sealSystemSecret(ctx, key, value)],
      )
      count += r.rowCount ?? 0
    }
    for (const [userId, map] of Object.entries(data.users ?? {})) {
      if (!isUuid(userId)) continue
      for (const [key, value] of strings(map)) {
        const r = await client.query(
          `INSERT INTO app.settings (key, encrypted_value, is_secret, user_id, created_by, updated_by) VALUES ($1, $2, true, $3, $3, $3)
           ON CONFLICT (user_id, key) WHERE user_id IS NOT NULL DO UPDATE SET encrypted_value = EXCLUDED.encrypted_value, updated_at = now()`,
          [key, sealUserSecret(ctx, userId.toLowerCase(), key, value), userId.toLowerCase()],
        )
        count += r.rowCount ?? 0
      }
    }
  })
  const kept = path.join(ctx.config.dataDir, `function-secrets.imported-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  fs.renameSync(file, kept)
  ctx.logs.log({ category: 'system', level: 'info', component: 'settings', message: `imported ${count} secrets from ${LEGACY_SECRETS_FILE} into the encrypted store; the file was renamed to ${path.basename(kept)} (delete it once checked: it holds the values in clear)` })
  return count
}
