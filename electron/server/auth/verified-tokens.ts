// auth/verified-tokens.ts — a memo of tokens jose has already verified with one secret, so each request after a
// token's first pays a map lookup instead of a WebCrypto HMAC (~0.1–0.2 ms on Node 20). Used by jwt.ts only.
// Safe because the token string is the signed bytes: same string, same secret → same verdict. Time-dependent
// claims (exp, nbf) are re-checked on every hit, exactly as jose checks them (no clock tolerance).

export type CachedVerdict = { ok: true; payload: Readonly<Record<string, unknown>> } | { ok: false; reason: 'expired' }

interface Entry {
  payload: Readonly<Record<string, unknown>>
  exp?: number
}

export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly maxEntries = 20_000) {}

  get size(): number {
    return this.entries.size
  }

  lookup(token: string, nowSeconds = Math.floor(Date.now() / 1000)): CachedVerdict | undefined {
    const entry = this.entries.get(token)
    if (!entry) return undefined
    if (entry.exp !== undefined && entry.exp <= nowSeconds) {
      this.entries.delete(token)
      return { ok: false, reason: 'expired' }
    }
    return { ok: true, payload: entry.payload }
  }

  /** Only call with a payload jose accepted just now (so nbf is already in the past). */
  remember(token: string, payload: Record<string, unknown>): Readonly<Record<string, unknown>> {
    const frozen = deepFreeze(payload)
    if (this.entries.size >= this.maxEntries) {
      // Oldest insertion first: Map iteration order. Evicted tokens are simply verified again by jose.
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(token, { payload: frozen, exp: typeof payload.exp === 'number' ? payload.exp : undefined })
    return frozen
  }

  clear(): void {
    this.entries.clear()
  }
}

/** Cached payloads are shared between requests: frozen, so a caller that mutates one fails loudly instead. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v)
  }
  return value
}
