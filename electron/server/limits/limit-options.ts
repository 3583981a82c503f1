// limits/limit-options.ts — how much one caller may hold of the shared server (StudioRuntimeOptions.limits),
// resolved once by config.ts: per-role statement timeouts, the pool-acquire deadline, async RPCs per caller, the
// largest REST response, the rows per embedded array and the largest request body. Defaults in the spirit of hosted
// Fluxbase/Supabase: short for anon, longer for authenticated, none for the service role (the studio's console none).
import type { DbRole } from '../identity.js'

export interface LimitOptions {
  /** Per database role, in milliseconds; 0 = no timeout (PostgreSQL's own setting applies). */
  statementTimeoutMs: Record<DbRole, number>
  /** How long a request waits for a free API connection before a 503. */
  poolAcquireTimeoutMs: number
  /** Async RPC executions one caller (user id, else role) may have running at once. */
  asyncRpcPerCaller: number
  /** The largest REST read body, in bytes (embeds included). */
  maxResponseBytes: number
  /** The most rows one parent row may embed in a one-to-many array (capped in SQL; more is a 400). */
  maxEmbedRows: number
  /** The largest JSON request body (REST, RPC, auth…), in bytes; storage uploads have their own limit. */
  maxBodyBytes: number
}

export const LIMIT_DEFAULTS: LimitOptions = {
  statementTimeoutMs: { anon: 3_000, authenticated: 8_000, service_role: 0 },
  poolAcquireTimeoutMs: 5_000,
  asyncRpcPerCaller: 4,
  maxResponseBytes: 32 * 1024 * 1024,
  maxEmbedRows: 1000,
  maxBodyBytes: 64 * 1024 * 1024,
}

export function resolveLimitOptions(options: Partial<Omit<LimitOptions, 'statementTimeoutMs'>> & { statementTimeoutMs?: Partial<Record<DbRole, number>> } = {}): LimitOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<LimitOptions>
  return { ...LIMIT_DEFAULTS, ...defined, statementTimeoutMs: { ...LIMIT_DEFAULTS.statementTimeoutMs, ...options.statementTimeoutMs } }
}

export type LimitInput = Parameters<typeof resolveLimitOptions>[0]
