// The RLS simulator's dry runs, identity comparison, advisor and apply, on the guide's example project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { USERS, type UserName } from '../../fixtures/guide-rls-verdicts.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  expect((await post('/studio/api/examples/guide-rls', {})).status).toBe(200)
})
afterAll(async () => rt?.stop())

function post(p: string, body: unknown, identityToken?: string) {
  return fetch(`${rt.info.apiUrl}${p}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json', ...(identityToken ? { 'X-Studio-Identity': identityToken } : {}) },
    body: JSON.stringify(body),
  })
}
const token = (u: UserName) => rt.signToken({ sub: USERS[u], role: 'authenticated' })
async function dryRun(user: UserName, body: Record<string, unknown>) {
  const res = await post('/studio/api/rls/dry-run', { schema: 'guide_own', table: 'posts', ...body }, await token(user))
  const json = await res.json()
  expect(res.status, JSON.stringify(json)).toBe(200)
  return json
}
const count = async (sql: string) => Number((await rt.admin.query(sql)).rows[0].n)

describe('dry-run writes', () => {
  it('allows an insert that passes WITH CHECK, showing the row with its defaults, and commits nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM guide_own.posts')
    const r = await dryRun('alice', { command: 'INSERT', values: { user_id: USERS.alice, title: 'new' } })
    expect(r.verdict).toBe('allowed')
    expect(r.summary).toBe('allowed: 1 row would be inserted')
    expect(r.rows[0]).toMatchObject({ user_id: USERS.alice, title: 'new', id: expect.any(String) })
    expect(r.warnings[0]).toMatch(/sequences/)
    expect(await count('SELECT count(*) AS n FROM guide_own.posts')).toBe(before)
  })

  it("refuses an insert for someone else, naming the policy's WITH CHECK", async () => {
    const r = await dryRun('bob', { command: 'INSERT', values: { user_id: USERS.alice, title: 'forged' } })
    expect(r.verdict).toBe('refused')
    expect(r.error.code).toBe('42501')
    expect(r.summary).toContain('users_own_posts (WITH CHECK)')
    expect(r.explanations[0].policies[0]).toMatchObject({ result: false })
  })

  it('explains an update that silently touches nothing (USING hid the row)', async () => {
    const r = await dryRun('bob', { command: 'UPDATE', values: { title: 'hijacked' }, match: { id: '10000000-0000-4000-8000-000000000001' } })
    expect(r.verdict).toBe('no_rows')
    expect(r.summary).toBe('0 rows: 1 row matches, but USING of users_own_posts hid it')
    expect(r.explanations[0].reason).toMatch(/^hidden/)
  })

  it('tells a filter that matches nothing from RLS', async () => {
    const r = await dryRun('alice', { command: 'DELETE', match: { id: '99999999-0000-4000-8000-000000000000' } })
    expect(r.verdict).toBe('no_rows')
    expect(r.summary).toContain('no row of guide_own.posts matches')
  })

  it('explains a write refused because RETURNING needs SELECT (guide: role-based, editors update own)', async () => {
    // Bob is an editor: editors_update_own lets him update his post, but only admins may SELECT posts.
    const res = await post(
      '/studio/api/rls/dry-run',
      { schema: 'guide_roles', table: 'posts', command: 'UPDATE', values: { title: 'edited' }, match: { id: '30000000-0000-4000-8000-000000000002' } },
      await token('bob'),
    )
    const r = await res.json()
    expect(r.verdict).toBe('no_rows')
    expect(r.summary).toBe('0 rows: 1 row matches, but the SELECT policies hid it (an UPDATE must also see the rows it changes)')
    expect(r.explanations[0].reason).toBe('UPDATE USING passes (editors_update_own (USING)), but the row must also be readable: SELECT policies no permissive policy passed — admin_see_all (USING) → false')
  })

  it('refuses without a grant, with the GRANT that fixes it', async () => {
    const res = await post('/studio/api/rls/dry-run', { schema: 'guide_own', table: 'posts', command: 'INSERT', values: { user_id: USERS.alice, title: 'x' } }, rt.info.anonKey)
    const r = await res.json()
    expect(r.verdict).toBe('refused')
    expect(r.summary).toContain('GRANT INSERT ON "guide_own"."posts" TO anon;')
  })

  it('rejects unknown columns and missing filters with words', async () => {
    const a = await post('/studio/api/rls/dry-run', { schema: 'guide_own', table: 'posts', command: 'INSERT', values: { nope: 1 } })
    expect(a.status).toBe(400)
    expect((await a.json()).error).toBe('values: unknown column "nope" in guide_own.posts')
    const b = await post('/studio/api/rls/dry-run', { schema: 'guide_own', table: 'posts', command: 'DELETE' })
    expect(b.status).toBe(400)
    expect((await b.json()).error).toContain('needs match')
  })
})

describe('compare identities', () => {
  it('fills the matrix with real counts per identity', async () => {
    const identities = await Promise.all((['alice', 'bob', 'carol'] as const).map(async (u) => ({ label: u, token: await token(u) })))
    const res = await post('/studio/api/rls/compare', { schema: 'guide_shared', table: 'documents', identities, sampleRow: { id: '60000000-0000-4000-8000-0000000000ff', owner_id: USERS.alice, title: 't' } })
    const { matrix } = await res.json()
    const byLabel = Object.fromEntries(matrix.map((m: { label: string }) => [m.label, m]))
    expect(byLabel.alice.select).toEqual({ ok: true, count: 2 })
    expect(byLabel.bob.update).toEqual({ ok: true, count: 2 })
    expect(byLabel.carol.update).toEqual({ ok: true, count: 0 })
    expect(byLabel.alice.delete).toEqual({ ok: true, count: 0 }) // no DELETE policy
    expect(byLabel.alice.insert.verdict).toBe('refused') // no INSERT policy
  })

  it('diffs the rows two identities see', async () => {
    const res = await post('/studio/api/rls/diff', { schema: 'guide_shared', table: 'documents', a: { label: 'alice', token: await token('alice') }, b: { label: 'carol', token: await token('carol') } })
    const d = await res.json()
    expect(d.both).toBe(1)
    expect(d.onlyA.map((r: { title: string }) => r.title)).toEqual(["Alice's diary (not shared)"])
    expect(d.onlyB).toEqual([])
  })
})

describe('advisor and apply', () => {
  it('finds what the guide example gets wrong, each with a fix', async () => {
    await rt.admin.query(`CREATE TABLE public.open_notes (id int PRIMARY KEY, body text); GRANT SELECT ON public.open_notes TO anon;
      CREATE TABLE public.locked (id int PRIMARY KEY, user_id uuid); ALTER TABLE public.locked ENABLE ROW LEVEL SECURITY;
      CREATE TABLE public.scoped (id int PRIMARY KEY); ALTER TABLE public.scoped ENABLE ROW LEVEL SECURITY;
      CREATE POLICY for_users ON public.scoped FOR SELECT TO authenticated USING (true);`)
    const { findings } = await (await fetch(`${rt.info.apiUrl}/studio/api/rls/advisor`, { headers: { Authorization: `Bearer ${rt.info.studioToken}` } })).json()
    const byId = Object.fromEntries(findings.map((f: { id: string }) => [f.id, f]))
    expect(byId['rls_off:public.open_notes'].fixSql).toBe('ALTER TABLE "public"."open_notes" ENABLE ROW LEVEL SECURITY;')
    expect(byId['no_policies:public.locked'].fixSql).toContain('user_id = (select auth.uid())')
    expect(byId['no_grant:public.scoped.for_users.authenticated'].fixSql).toBe('GRANT SELECT ON "public"."scoped" TO authenticated;')
    expect(byId['definer:guide_definer.can_access_post(post_id uuid)'].fixSql).toContain('SET search_path')
    expect(byId['per_row:guide_own.posts.users_own_posts'].fixSql).toContain("( SELECT current_setting('app.user_id'::text, true))")
    expect(findings.some((f: { kind: string; table: string }) => f.kind === 'unindexed_policy_column' && f.table === 'guide_org.posts')).toBe(true)
    expect(findings.some((f: { id: string }) => f.id === 'unindexed:guide_own.posts.user_id')).toBe(false) // the guide indexes it
  })

  it('applies a fix for real and writes it as the next migration of the project folder', async () => {
    const res = await post('/studio/api/rls/apply', { sql: 'ALTER TABLE "public"."open_notes" ENABLE ROW LEVEL SECURITY', name: 'enable RLS on open_notes' })
    const body = await res.json()
    expect(body.applied).toBe(true)
    expect(body.migrationFile).toMatch(/project\/fluxbase\/migrations\/\d{3}_enable_rls_on_open_notes\.up\.sql$/)
    expect(fs.readFileSync(body.migrationFile, 'utf8')).toContain('ALTER TABLE "public"."open_notes" ENABLE ROW LEVEL SECURITY;')
    expect((await rt.admin.query(`SELECT relrowsecurity FROM pg_class WHERE relname = 'open_notes'`)).rows[0].relrowsecurity).toBe(true)
    const bad = await post('/studio/api/rls/apply', { sql: 'ALTER TABLE nowhere ENABLE ROW LEVEL SECURITY', name: 'x' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toContain('does not exist')
  })
})
