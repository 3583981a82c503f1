// features/rls/identity/jwt-claims.ts — reads (never verifies) the payload of an access token the runtime handed
// us: to show its claims and to renew it before it expires. Pure.

export function decodeClaims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1]
  if (!part) return null
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=')
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)))
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Milliseconds since the epoch when the token expires; null when it does not say. */
export function expiresAt(token: string): number | null {
  const exp = decodeClaims(token)?.exp
  return typeof exp === 'number' ? exp * 1000 : null
}

/** The token expires within `marginMs` (or already has). */
export function expiresSoon(token: string, now: number, marginMs = 120_000): boolean {
  const at = expiresAt(token)
  return at !== null && at - now < marginMs
}
