// features/rls/identity/claims-input.ts — checks the custom-claims JSON the user types before a token is minted
// for it, with words that say what to fix. Pure.

export type ClaimsCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; error: string }

const RESERVED = ['exp', 'iat', 'nbf']

export function parseClaims(text: string): ClaimsCheck {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${(err as Error).message}` }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'The claims must be a JSON object, e.g. {"sub": "…", "role": "authenticated"}' }
  const claims = value as Record<string, unknown>
  if (typeof claims.role !== 'string' || !claims.role.trim()) return { ok: false, error: '"role" is required: anon, authenticated, service_role or an app role such as "admin"' }
  if (claims.sub !== undefined && typeof claims.sub !== 'string') return { ok: false, error: '"sub" must be a string (the user id policies read as app.user_id and auth.uid())' }
  const reserved = RESERVED.filter((k) => k in claims)
  if (reserved.length) return { ok: false, error: `Leave out ${reserved.map((k) => `"${k}"`).join(', ')}: the runtime sets the token's times` }
  return { ok: true, claims }
}

/** A readable name for claims nobody named: "b0000000… (authenticated)", or just the role. */
export function claimsLabel(claims: Record<string, unknown>): string {
  const role = String(claims.role ?? 'anon')
  const who = typeof claims.email === 'string' && claims.email ? claims.email : typeof claims.sub === 'string' && claims.sub ? `${claims.sub.slice(0, 8)}…` : ''
  return who ? `${who} (${role})` : `custom ${role}`
}

export const CLAIMS_TEMPLATE = JSON.stringify({ sub: '00000000-0000-4000-8000-000000000000', role: 'authenticated', email: 'someone@example.test' }, null, 2)
