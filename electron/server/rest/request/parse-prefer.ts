// rest/request/parse-prefer.ts — the `Prefer` header(s) → Prefer. Unknown preferences are ignored, as PostgREST
// does by default; a known preference with an unknown value is a 400 naming it.
import { ApiError } from '../../errors.js'
import type { Prefer } from './request-types.js'

const ALLOWED: Record<string, readonly string[]> = {
  return: ['minimal', 'representation', 'headers-only'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  count: ['exact', 'planned', 'estimated'],
  tx: ['commit', 'rollback'],
}

export function parsePrefer(header: string | string[] | undefined): Prefer {
  const prefer: Prefer = {}
  if (!header) return prefer
  const text = Array.isArray(header) ? header.join(',') : header
  for (const part of text.split(',')) {
    const token = part.trim()
    if (!token) continue
    const eq = token.indexOf('=')
    const key = (eq < 0 ? token : token.slice(0, eq)).trim().toLowerCase()
    const value = (eq < 0 ? '' : token.slice(eq + 1)).trim().toLowerCase()
    const allowed = ALLOWED[key]
    if (!allowed) continue
    if (!allowed.includes(value)) {
      throw new ApiError(400, 'PGRST122', `invalid Prefer value "${key}=${value.slice(0, 40)}"`, undefined, `${key} can be ${allowed.join(', ')}`)
    }
    ;(prefer as Record<string, string>)[key] = value
  }
  return prefer
}
