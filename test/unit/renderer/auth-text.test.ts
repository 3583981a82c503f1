// The Auth page's pure helpers: metadata text must be a JSON object (mistakes located by line and column), roles
// edited as a list, the replacement patch for the server's merge, relative times and clickable links in mail.
import { describe, expect, it } from 'vitest'
import { parseJsonObject, replacementPatch, rolesOf, withRoles } from '../../../renderer/src/features/auth/json-edit'
import { linkParts, relativeTime, userState } from '../../../renderer/src/features/auth/auth-format'

describe('metadata editing', () => {
  it('accepts objects, and says where and why anything else is refused', () => {
    expect(parseJsonObject('{"roles": ["admin"]}')).toEqual({ ok: true, value: { roles: ['admin'] } })
    expect(parseJsonObject('   ')).toEqual({ ok: true, value: {} })
    expect(parseJsonObject('[1]')).toEqual({ ok: false, error: 'Must be a JSON object ({ … }), not an array' })
    expect(parseJsonObject('null')).toMatchObject({ ok: false, error: expect.stringContaining('not null') })
    const broken = parseJsonObject('{\n  "a": 1,\n  "b": }')
    expect(broken.ok).toBe(false)
    if (!broken.ok) expect(broken.error).toMatch(/^Line 3, column 8: Unexpected token/)
    expect(parseJsonObject('{"a": 1,}')).toMatchObject({ ok: false, error: expect.stringMatching(/^Line 1, column 9: /) })
    expect(parseJsonObject('{"a": tru}')).toMatchObject({ ok: false, error: expect.stringMatching(/^Line 1, column 7: /) })
  })

  it('reads and writes app_metadata.roles', () => {
    expect(rolesOf({ roles: ['a', 3, 'b'] })).toEqual(['a', 'b'])
    expect(rolesOf({})).toEqual([])
    expect(withRoles({ plan: 'pro', roles: ['a'] }, ['a', 'b'])).toEqual({ plan: 'pro', roles: ['a', 'b'] })
    expect(withRoles({ plan: 'pro', roles: ['a'] }, [])).toEqual({ plan: 'pro' })
  })

  it('sends a null for each deleted key, since the server merges', () => {
    expect(replacementPatch({ a: 1, b: 2 }, { b: 3, c: 4 })).toEqual({ a: null, b: 3, c: 4 })
  })
})

describe('auth words', () => {
  it('says how long ago', () => {
    const now = Date.parse('2026-01-10T12:00:00Z')
    expect(relativeTime(null, now)).toBe('never')
    expect(relativeTime('2026-01-10T11:59:50Z', now)).toBe('just now')
    expect(relativeTime('2026-01-10T11:30:00Z', now)).toBe('30 min ago')
    expect(relativeTime('2026-01-09T12:00:00Z', now)).toBe('1 day ago')
  })

  it('names a user state', () => {
    expect(userState({ locked_until: null, email_verified: true, is_anonymous: false })).toBe('confirmed')
    expect(userState({ locked_until: '2030-01-01T00:00:00Z', email_verified: true, is_anonymous: false })).toBe('locked')
    expect(userState({ locked_until: null, email_verified: false, is_anonymous: false })).toBe('unconfirmed')
  })

  it('finds the links in a mail', () => {
    expect(linkParts('Go to http://127.0.0.1:1/api/v1/auth/verify?token=a&type=signup\n\nbye')).toEqual([
      { text: 'Go to ' },
      { text: 'http://127.0.0.1:1/api/v1/auth/verify?token=a&type=signup', href: 'http://127.0.0.1:1/api/v1/auth/verify?token=a&type=signup' },
      { text: '\n\nbye' },
    ])
  })
})
