// auth/passwords.ts — password policy and hashing. argon2id via @node-rs/argon2 (its defaults are OWASP's: 19 MiB,
// 2 passes, 1 lane), run on libuv's thread pool so a sign-in never blocks the event loop.
import { ApiError } from '../errors.js'

// Loaded on first use: the native addon's loader probes the C library (musl or glibc) and costs ~15 ms, which a
// start-up should not pay before anyone signs in.
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'))

/** Upstream's wording: the SDK shows `error` verbatim. */
export function checkPasswordPolicy(password: unknown, minLength: number): string {
  if (typeof password !== 'string' || password.length === 0) throw new ApiError(400, 'INVALID_PASSWORD', 'invalid password: password is required')
  if ([...password].length < minLength) {
    throw new ApiError(400, 'INVALID_PASSWORD', `invalid password: password must be at least ${minLength} characters`)
  }
  if (password.length > 1024) throw new ApiError(400, 'INVALID_PASSWORD', 'invalid password: password must be at most 1024 characters')
  return password
}

export async function hashPassword(password: string): Promise<string> {
  // The library's default algorithm is argon2id (asserted in test/unit/auth/passwords.test.ts).
  return (await loadArgon2()).hash(password)
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  const { verify } = await loadArgon2()
  try {
    return await verify(storedHash, password)
  } catch {
    // A malformed hash (hand-edited row) is a failed sign-in, not a 500.
    return false
  }
}

// Unknown e-mails still pay for one verification, so response time does not reveal which addresses exist.
let decoy: Promise<string> | undefined
export async function burnPasswordCheck(password: string): Promise<void> {
  decoy ??= hashPassword('decoy-password-for-timing')
  await verifyPassword(await decoy, password)
}
