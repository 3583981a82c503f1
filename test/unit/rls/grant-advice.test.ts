// Unit tests: the one generator of GRANT advice (issue 22, defect 2) — never a grant on the runtime's schemas, never
// a bare grant to an app role on a table with RLS off; plain GRANTs where they are safe.
import { describe, expect, it } from 'vitest'
import { objectGrantAdvice, tableGrantAdvice } from '../../../electron/server/grant-advice'

describe('tableGrantAdvice', () => {
  it('auth.users: never a grant, and how apps expose user data instead', () => {
    const advice = tableGrantAdvice({ schema: 'auth', name: 'users', rlsEnabled: false }, ['SELECT'], 'authenticated')
    expect(advice).not.toMatch(/GRANT/)
    expect(advice).toMatch(/profiles/)
    expect(advice).toMatch(/security_invoker|function/)
  })

  it('other runtime tables: no grant, whatever the RLS state', () => {
    for (const [schema, name] of [['storage', 'objects'], ['storage', 'buckets'], ['realtime', 'messages'], ['auth', 'sessions']]) {
      expect(tableGrantAdvice({ schema, name, rlsEnabled: true }, ['SELECT', 'INSERT'], 'anon')).not.toMatch(/GRANT/)
    }
  })

  it('an app table with RLS off: RLS and a policy come before the grant', () => {
    const advice = tableGrantAdvice({ schema: 'public', name: 'todos', rlsEnabled: false }, ['SELECT'], 'anon')
    expect(advice).toMatch(/^public\.todos has row-level security off: granting SELECT to anon would let every visitor/)
    expect(advice.indexOf('ENABLE ROW LEVEL SECURITY')).toBeLessThan(advice.indexOf('GRANT SELECT'))
  })

  it('RLS on, or a role outside the app roles: the plain GRANT', () => {
    expect(tableGrantAdvice({ schema: 'public', name: 'todos', sqlName: 'public."todos"', rlsEnabled: true }, ['SELECT', 'INSERT'], 'authenticated')).toBe(
      'GRANT SELECT, INSERT ON public."todos" TO authenticated;',
    )
    expect(tableGrantAdvice({ schema: 'public', name: 'todos', rlsEnabled: false }, ['SELECT'], 'service_role')).toBe('GRANT SELECT ON public.todos TO service_role;')
  })

  it('a view: the grant with the note that its owner’s rights apply unless security_invoker', () => {
    expect(tableGrantAdvice({ schema: 'public', name: 'v', kind: 'view' }, ['SELECT'], 'authenticated')).toMatch(/^GRANT SELECT ON public\.v TO authenticated;.*security_invoker/)
  })
})

describe('objectGrantAdvice', () => {
  it('refuses schemas, sequences and functions of the runtime, grants the app’s', () => {
    expect(objectGrantAdvice('schema', 'auth', 'auth', 'anon')).not.toMatch(/GRANT/)
    expect(objectGrantAdvice('sequence', 'storage', 'x_seq', 'anon')).not.toMatch(/GRANT/)
    expect(objectGrantAdvice('schema', 'app', 'app', 'anon')).toBe('GRANT USAGE ON SCHEMA app TO anon;')
    expect(objectGrantAdvice('sequence', 'public', 'todos_id_seq', 'authenticated')).toMatch(/^GRANT USAGE ON SEQUENCE public\.todos_id_seq TO authenticated;/)
  })
})
