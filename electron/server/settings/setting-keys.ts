// settings/setting-keys.ts — the rules every settings and secrets route applies to what a client sent: a key's
// spelling (the same as the tables' CHECK), a UUID, the env-variable form of a key (contract §2.4). Pure.
import { ApiError } from '../errors.js'

const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function checkKey(key: unknown, what = 'key'): string {
  if (typeof key !== 'string' || !key) throw new ApiError(400, 'INVALID_KEY', `${what} is required`)
  if (!KEY.test(key)) throw new ApiError(400, 'INVALID_KEY', `${what} "${key.slice(0, 60)}" is not valid: use letters, digits, '_', '.' or '-' (up to 200, not starting with '.' or '-')`)
  return key
}

export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s)

/** `stripe.api-key` → `STRIPE_API_KEY`: how a key is spelled as FLUXBASE_SETTING_* / FLUXBASE_USER_* / FLUXBASE_SECRET_*. */
export const envKey = (key: string) => key.replace(/[.\-\s]/g, '_').toUpperCase()

/** A secret's value: a non-empty string (it becomes an environment variable). */
export function checkSecretValue(value: unknown): string {
  if (typeof value !== 'string') throw new ApiError(400, 'INVALID_VALUE', 'value must be a string (secrets become environment variables)')
  if (!value) throw new ApiError(400, 'INVALID_VALUE', 'value must not be empty')
  if (value.length > 65536) throw new ApiError(400, 'INVALID_VALUE', 'value is longer than 65536 characters')
  return value
}

export function checkDescription(description: unknown): string | null | undefined {
  if (description === undefined) return undefined
  if (description === null) return null
  if (typeof description !== 'string') throw new ApiError(400, 'INVALID_BODY', 'description must be a string')
  if (description.length > 1000) throw new ApiError(400, 'INVALID_BODY', 'description is longer than 1000 characters')
  return description
}

/** A JSON body that must be an object (the SDK always sends one). */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'INVALID_BODY', 'the request body must be a JSON object')
  return body as Record<string, unknown>
}
