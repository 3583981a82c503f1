// auth/jwt-key.ts — the JWT secret as key bytes and the issuer claim: what keys.ts needs on every start, without
// loading jose (jwt.ts), which a warm start does not need before PostgreSQL is up.
export const JWT_ISSUER = 'fluxbase'

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret)
}
