// test/unit/renderer/rls-simulator.test.ts — the RLS simulator's pure helpers: the policy SQL the editor starts
// from, the custom-claims check, reading a token's claims, the read path the silent-filter hint names, the dry-run
// templates, and the values a policy compares.
import { describe, expect, it } from 'vitest'
import { alterPolicySql, createPolicySql, dropPolicySql, ident, migrationName, newPolicySql } from '../../../renderer/src/features/rls/policies/policy-sql'
import { claimsLabel, parseClaims } from '../../../renderer/src/features/rls/identity/claims-input'
import { decodeClaims, expiresSoon } from '../../../renderer/src/features/rls/identity/jwt-claims'
import { tableOfPath } from '../../../renderer/src/features/rls/hidden-rows'
import { expressionLines } from '../../../renderer/src/features/rls/common/format-sql'
import { valuesInPlay } from '../../../renderer/src/features/rls/common/values-in-play'
import { insertTemplate, matchTemplate, updateTemplate } from '../../../renderer/src/features/rls/dry-run/write-templates'
import { withUserId } from '../../../renderer/src/features/rls/dry-run/user-values'
import { failingParts } from '../../../renderer/src/features/rls/explain/failing-parts'

const POLICY = {
  name: 'users_own_posts',
  kind: 'permissive' as const,
  command: 'ALL' as const,
  roles: ['public'],
  using: "((user_id)::text = current_setting('app.user_id'::text, true))",
  check: "((user_id)::text = current_setting('app.user_id'::text, true))",
}

describe('policy SQL', () => {
  it('quotes only the identifiers that need it', () => {
    expect(ident('posts')).toBe('posts')
    expect(ident('bob reads alice')).toBe('"bob reads alice"')
    expect(ident('Posts')).toBe('"Posts"')
    expect(ident('user')).toBe('"user"')
    expect(ident('a"b')).toBe('"a""b"')
  })

  it('writes a policy back as CREATE, ALTER and DROP', () => {
    expect(createPolicySql('guide_own', 'posts', POLICY)).toMatchInlineSnapshot(`
      "CREATE POLICY users_own_posts ON guide_own.posts
        AS PERMISSIVE
        FOR ALL
        TO public
        USING (((user_id)::text = current_setting('app.user_id'::text, true)))
        WITH CHECK (((user_id)::text = current_setting('app.user_id'::text, true)));"
    `)
    expect(alterPolicySql('guide_own', 'posts', { ...POLICY, roles: ['authenticated', 'Admins'], check: null })).toMatchInlineSnapshot(`
      "ALTER POLICY users_own_posts ON guide_own.posts
        TO authenticated, "Admins"
        USING (((user_id)::text = current_setting('app.user_id'::text, true)));"
    `)
    expect(dropPolicySql('guide_own', 'posts', 'bob reads alice')).toBe('DROP POLICY "bob reads alice" ON guide_own.posts;')
  })

  it('starts a new policy from the owner column when there is one', () => {
    expect(newPolicySql('public', 'notes', ['id', 'owner_id'])).toContain("USING (owner_id::text = current_setting('app.user_id', true));")
    expect(newPolicySql('public', 'tags', ['id', 'name'])).toContain('USING (true);')
  })

  it('names the migration after the statement', () => {
    expect(migrationName('CREATE POLICY "bob reads alice" ON guide_own.posts FOR SELECT USING (true);', 'x')).toBe('create policy bob reads alice on guide_own.posts')
    expect(migrationName('drop policy if exists p on "s"."t";', 'x')).toBe('drop policy p on s.t')
    expect(migrationName('ALTER TABLE t ENABLE ROW LEVEL SECURITY', 'public.t')).toBe('policy change on public.t')
  })
})

describe('custom claims', () => {
  it('accepts an object with a role', () => {
    expect(parseClaims('{"sub": "u1", "role": "authenticated", "org": "acme"}')).toEqual({ ok: true, claims: { sub: 'u1', role: 'authenticated', org: 'acme' } })
  })

  it.each([
    ['{', /Not valid JSON/],
    ['[]', /JSON object/],
    ['{"sub": "u1"}', /"role" is required/],
    ['{"role": "authenticated", "sub": 42}', /"sub" must be a string/],
    ['{"role": "anon", "exp": 1}', /Leave out "exp"/],
  ])('refuses %s with words', (text, error) => {
    const r = parseClaims(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(error)
  })

  it('labels claims nobody named', () => {
    expect(claimsLabel({ sub: 'b0000000-0000-4000-8000-000000000002', role: 'authenticated' })).toBe('b0000000… (authenticated)')
    expect(claimsLabel({ role: 'admin', email: 'a@x.test' })).toBe('a@x.test (admin)')
    expect(claimsLabel({ role: 'anon' })).toBe('custom anon')
  })
})

describe('token claims', () => {
  const token = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`
  it('reads the payload and the expiry', () => {
    expect(decodeClaims(token({ sub: 'ü', role: 'authenticated' }))).toEqual({ sub: 'ü', role: 'authenticated' })
    expect(decodeClaims('not-a-token')).toBeNull()
    const now = 1_000_000_000_000
    expect(expiresSoon(token({ exp: now / 1000 + 60 }), now)).toBe(true)
    expect(expiresSoon(token({ exp: now / 1000 + 3600 }), now)).toBe(false)
    expect(expiresSoon(token({}), now)).toBe(false)
  })
})

describe('silent-filter hint', () => {
  it.each([
    ['/api/v1/tables/guide_own/posts?select=id', { schema: 'guide_own', table: 'posts' }],
    ['/api/v1/tables/posts', { schema: 'public', table: 'posts' }],
    ['/api/v1/tables/posts?user_id=eq.1', { schema: 'public', table: 'posts' }],
    ['/api/v1/tables/my%20schema/t', { schema: 'my schema', table: 't' }],
    ['/api/v1/rpc/f', null],
  ])('%s names %j', (path, table) => expect(tableOfPath(path)).toEqual(table))
})

describe('explanations', () => {
  it('lays an expression out by its top-level parts', () => {
    expect(expressionLines('(a AND b)', { op: 'AND', parts: ['a', 'b'] })).toEqual([
      { op: '', text: 'a', part: 0 },
      { op: 'AND', text: 'b', part: 1 },
    ])
    expect(expressionLines(' x = 1 ', null)).toEqual([{ op: '', text: 'x = 1', part: 0 }])
  })

  it('blames the AND parts that are not true, and every OR part when none holds', () => {
    const clauses = [
      { text: 'a', result: true as const },
      { text: 'b', result: null },
      { text: 'c', result: false as const },
    ]
    expect([...failingParts({ value: false, op: 'AND', clauses })]).toEqual([1, 2])
    expect([...failingParts({ value: false, op: 'OR', clauses })]).toEqual([0, 1, 2])
    expect([...failingParts({ value: true, op: 'AND', clauses })]).toEqual([])
  })

  it('finds the values an expression compares', () => {
    const row = { id: 1, user_id: 'a1', title: "user_id's post" }
    const v = valuesInPlay("((user_id)::text = current_setting('app.user_id'::text, true))", row, { role: 'authenticated', appRole: 'authenticated', userId: 'b0' })
    expect(v).toEqual([
      { name: 'user_id', value: 'a1' },
      { name: "current_setting('app.user_id')", value: "'b0'" },
    ])
    // users.id belongs to the subquery's table, not to this row.
    expect(valuesInPlay('(org IN ( SELECT users.org FROM users WHERE (users.id = auth.uid())))', { id: 1, org: 'x' }, { role: 'anon', appRole: 'anon', userId: null })).toEqual([
      { name: 'org', value: 'x' },
      { name: 'auth.uid()', value: 'NULL' },
    ])
  })
})

describe('dry-run templates', () => {
  const columns = [
    { name: 'id', type: 'uuid', nullable: false, default_value: 'gen_random_uuid()', identity: null, generated: null, primary_key: true },
    { name: 'user_id', type: 'uuid', nullable: false, default_value: null, identity: null, generated: null, primary_key: false },
    { name: 'title', type: 'text', nullable: false, default_value: null, identity: null, generated: null, primary_key: false },
    { name: 'done', type: 'boolean', nullable: false, default_value: null, identity: null, generated: null, primary_key: false },
  ]
  it('fills the owner column with the identity and leaves defaults out', () => {
    expect(JSON.parse(insertTemplate(columns, 'b0'))).toEqual({ user_id: 'b0', title: '', done: false })
    expect(JSON.parse(matchTemplate(columns))).toEqual({ id: '00000000-0000-4000-8000-000000000000' })
    expect(JSON.parse(updateTemplate(columns, 'b0'))).toEqual({ title: '' })
  })
})

describe('the dry-run user picker writes the picked id into the values', () => {
  const id = 'b0000000-0000-4000-8000-000000000002'
  it('sets the column of one row, keeping the others', () => {
    expect(JSON.parse(withUserId('{"user_id": "x", "title": "t"}', 'user_id', id))).toEqual({ user_id: id, title: 't' })
  })
  it('sets it in every row of an array, and adds it where missing', () => {
    expect(JSON.parse(withUserId('[{"title": "a"}, {"owner": "x"}]', 'owner', id))).toEqual([{ title: 'a', owner: id }, { owner: id }])
  })
  it('leaves text that does not parse as it is', () => {
    expect(withUserId('{"user_id": ', 'user_id', id)).toBe('{"user_id": ')
  })
})
