// auth/auth-cli-args.ts — the auth flags of `npm run serve` (cli-args.ts spreads these in): lock-out, rate limit
// and e-mail confirmation, the switches a developer flips for local convenience.
import { StartupError } from '../errors.js'
import type { AuthOptions } from './auth-options.js'

export const AUTH_CLI_USAGE = `
  --auth-lockout-attempts N  failed sign-ins before an account locks (default 5; 0 = no lock-out)
  --auth-rate-limit N        sign-in/sign-up requests per IP per minute (default 60; 0 = no limit)
  --require-email-confirmation  sign-ups must follow the link in the local mail inbox before signing in`

export const AUTH_CLI_OPTIONS = {
  'auth-lockout-attempts': { type: 'string' },
  'auth-rate-limit': { type: 'string' },
  'require-email-confirmation': { type: 'boolean' },
} as const

function count(flag: string, value: unknown): number {
  const n = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new StartupError(`--${flag} must be a whole number (0 turns it off), not "${String(value)}"`)
  return n
}

export function authOptionsFromCli(values: Record<string, unknown>): Partial<AuthOptions> | undefined {
  const auth: Partial<AuthOptions> = {}
  if (values['auth-lockout-attempts'] !== undefined) auth.lockoutMaxAttempts = count('auth-lockout-attempts', values['auth-lockout-attempts'])
  if (values['auth-rate-limit'] !== undefined) {
    auth.rateLimitPerWindow = count('auth-rate-limit', values['auth-rate-limit'])
    auth.rateLimitWindowSeconds = 60
  }
  if (values['require-email-confirmation']) auth.requireEmailConfirmation = true
  return Object.keys(auth).length ? auth : undefined
}
