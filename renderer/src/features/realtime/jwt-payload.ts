// features/realtime/jwt-payload.ts — reads a token's claims without verifying it (the runtime verifies; the studio only
// wants to know whether a saved token has expired before opening a socket with it). Pure.
export function jwtPayload(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1]
  if (!part) return null
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as unknown
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** True when the token expires within `marginMs` (or has no readable expiry it could be trusted on). */
export function expiresSoon(token: string, now = Date.now(), marginMs = 60_000): boolean {
  const exp = jwtPayload(token)?.exp
  return typeof exp === 'number' && exp * 1000 < now + marginMs
}

/** Claims as a person would give them: without what the runtime adds when it signs. */
export function givenClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(claims)) if (!['exp', 'iat', 'nbf', 'iss', 'token_type', 'impersonated'].includes(k)) out[k] = v
  return out
}
