// auth/totp-secret-seal.ts — TOTP secrets at rest in auth.mfa_factors: sealed with the data directory's encryption
// key (settings/secret-crypto.ts; a per-user HKDF key for the 'totp' purpose), opened only to check a code. At start,
// rows an earlier version wrote in clear are sealed in place, once, in one transaction (sealClearTotpSecrets).
import type { ServerContext } from '../context.js'
import { isSealed, sealerFor } from '../settings/secret-crypto.js'
import { inTransaction } from './transaction.js'

const sealer = (master: Buffer, userId: string) => sealerFor(master, 'totp', userId)

export function sealTotpSecret(master: Buffer, userId: string, base32: string): string {
  return sealer(master, userId).seal(base32, 'mfa_factors.secret')
}

export function openTotpSecret(master: Buffer, userId: string, stored: string): string {
  return sealer(master, userId).open(stored, 'mfa_factors.secret')
}

/** Seals every secret still in clear; returns how many. Safe to run on every start (sealed rows are skipped). */
export async function sealClearTotpSecrets(ctx: ServerContext): Promise<number> {
  const count = await inTransaction(ctx.pools.api, async (client) => {
    const { rows } = await client.query<{ id: string; user_id: string; secret: string }>("SELECT id::text, user_id::text, secret FROM auth.mfa_factors WHERE secret NOT LIKE 'v1.%' FOR UPDATE")
    for (const r of rows.filter((row) => !isSealed(row.secret))) {
      await client.query('UPDATE auth.mfa_factors SET secret = $2 WHERE id = $1', [r.id, sealTotpSecret(ctx.keys.encryptionKey, r.user_id, r.secret)])
    }
    return rows.length
  })
  if (count) ctx.logs.log({ category: 'system', level: 'info', component: 'auth', message: `sealed ${count} TOTP secret(s) stored in clear by an earlier version` })
  return count
}
