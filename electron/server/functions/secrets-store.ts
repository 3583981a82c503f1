// functions/secrets-store.ts — the secrets a function call or job run receives as environment variables (contract
// §2.4), from the encrypted store of settings/ (settings/secret-env.ts). DIR/function-secrets.json, where they were
// kept in clear before, is imported into that store when it is there (at start, and if one is dropped in later).
import fs from 'node:fs'
import path from 'node:path'
import type { ServerContext } from '../context.js'
import { importLegacySecretsFile, LEGACY_SECRETS_FILE } from '../settings/legacy-file-import.js'
import { secretEnv } from '../settings/secret-env.js'

export function createSecretsStore(ctx: ServerContext) {
  const file = path.join(ctx.config.dataDir, LEGACY_SECRETS_FILE)
  let importing: Promise<unknown> | undefined

  async function importIfPresent(): Promise<void> {
    if (!importing && fs.existsSync(file)) {
      importing = importLegacySecretsFile(ctx)
        .catch((err: Error) => ctx.logs.log({ category: 'system', level: 'error', component: 'settings', message: `could not import ${LEGACY_SECRETS_FILE}: ${err.message}` }))
        .finally(() => (importing = undefined))
    }
    await importing
  }

  return {
    /** Moves DIR/function-secrets.json into the encrypted store, if it is there (at start; envFor checks too). */
    importLegacyFile: importIfPresent,
    /** The secret variables for one call, decrypted for it alone. */
    async envFor(namespace: string, userId: string | null, opts: { cron?: boolean } = {}): Promise<Record<string, string>> {
      await importIfPresent()
      return secretEnv(ctx, { namespace, userId, cron: opts.cron })
    },
  }
}

export type SecretsStore = ReturnType<typeof createSecretsStore>

/** One store per runtime, shared by functions and jobs (so an import runs once). */
const stores = new WeakMap<ServerContext, SecretsStore>()
export function secretsStoreFor(ctx: ServerContext): SecretsStore {
  let store = stores.get(ctx)
  if (!store) stores.set(ctx, (store = createSecretsStore(ctx)))
  return store
}
