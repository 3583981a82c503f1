// The RLS simulator's explain engine on every pattern of the guide (resources/examples/guide-rls.sql), checked
// against the verdicts written out in test/fixtures/guide-rls-verdicts.ts: which rows each user sees, what
// PostgreSQL really did, and which policy and clause hid the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { SELECT_CASES, UPDATE_CASES, USERS, type UserName } from '../../fixtures/guide-rls-verdicts.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  const res = await studio('/studio/api/examples/guide-rls', {})
  expect(res.status).toBe(200)
})
afterAll(async () => rt?.stop())

async function studio(p: string, body: unknown, identityToken?: string) {
  return fetch(`${rt.info.apiUrl}${p}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json', ...(identityToken ? { 'X-Studio-Identity': identityToken } : {}) },
    body: JSON.stringify(body),
  })
}

const tokenFor = (user: UserName) => rt.signToken({ sub: USERS[user], role: 'authenticated', email: `${user}@example.test` })

async function explain(schema: string, table: string, user: UserName | null, extra: Record<string, unknown> = {}) {
  const res = await studio('/studio/api/rls/explain', { schema, table, ...extra }, user ? await tokenFor(user) : undefined)
  const body = await res.json()
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body
}

describe('explain: SELECT on every guide pattern', () => {
  for (const c of SELECT_CASES) {
    for (const [user, ids] of Object.entries(c.visible) as Array<[UserName, string[]]>) {
      it(`${c.schema}.${c.table} as ${user}`, async () => {
        const r = await explain(c.schema, c.table, user)
        const visible = r.rows.filter((row: { visible: boolean }) => row.visible).map((row: { key: { id: string } }) => row.key.id)
        expect(visible.sort()).toEqual([...ids].sort())
        // The policy reading agrees with what PostgreSQL did, row by row.
        expect(r.rows.filter((row: { consistent: boolean }) => !row.consistent)).toEqual([])
        for (const row of r.rows.filter((x: { visible: boolean }) => !x.visible)) expect(row.decision.reason).toMatch(/^(hidden|no permissive)/)
      })
    }
  }
})

describe('explain: UPDATE reach', () => {
  for (const c of UPDATE_CASES) {
    for (const [user, ids] of Object.entries(c.visible) as Array<[UserName, string[]]>) {
      it(`${c.schema}.${c.table} as ${user}`, async () => {
        const r = await explain(c.schema, c.table, user, { command: 'UPDATE' })
        const reach = r.rows.filter((row: { visible: boolean }) => row.visible).map((row: { key: { id: string } }) => row.key.id)
        expect(reach.sort()).toEqual([...ids].sort())
      })
    }
  }
})

describe('explanations', () => {
  it('points at the failing AND part of a policy (time-based: the embargo)', async () => {
    const r = await explain('guide_time', 'posts', 'alice')
    const embargoed = r.rows.find((row: { key: { id: string } }) => row.key.id === '50000000-0000-4000-8000-000000000002')
    expect(embargoed.visible).toBe(false)
    const policy = embargoed.policies[0]
    expect(policy).toMatchObject({ name: 'time_based_access', result: false, op: 'AND' })
    expect(policy.clauses.map((c: { result: boolean }) => c.result)).toEqual([true, false, true])
    expect(embargoed.decision.reason).toContain('`(publish_at IS NULL) OR (publish_at <= now())` is false')
    expect(embargoed.decision.reason).not.toContain('published = true')
  })

  it('explains OR policies with subqueries and recursive functions under the identity (hierarchical)', async () => {
    const r = await explain('guide_team', 'posts', 'bob')
    const alices = r.rows.find((row: { row: { title: string } }) => row.row.title === 'Alice (manager)')
    expect(alices.visible).toBe(false)
    expect(alices.policies[0].op).toBe('OR')
    expect(alices.policies[0].clauses.map((c: { result: boolean }) => c.result)).toEqual([false, false])
    expect(alices.decision.reason).toMatch(/none of its OR parts holds/)
  })

  it('shows a policy that errors for an identity (anon: the guide casts an empty app.user_id to uuid)', async () => {
    const anonToken = rt.info.anonKey
    await rt.admin.query('GRANT SELECT ON guide_team.posts TO anon')
    const res = await studio('/studio/api/rls/explain', { schema: 'guide_team', table: 'posts' }, anonToken)
    const r = await res.json()
    expect(r.queryError.message).toContain('invalid input syntax for type uuid')
    expect(r.rows[0].policies[0].result).toBe('error')
    expect(r.warnings[0]).toContain('fails')
  })

  it('names the missing GRANT', async () => {
    const res = await studio('/studio/api/rls/explain', { schema: 'guide_own', table: 'posts' }, rt.info.anonKey)
    const r = await res.json()
    expect(r.privilege).toEqual({ granted: false, hint: 'anon lacks the SELECT privilege: GRANT SELECT ON "guide_own"."posts" TO anon;' })
    expect(r.rows.every((row: { visible: boolean }) => !row.visible)).toBe(true)
  })

  it('service_role bypasses RLS, and says so', async () => {
    const r = await explain('guide_own', 'posts', null)
    expect(r.bypass).toContain('BYPASSRLS')
    expect(r.rows.every((row: { visible: boolean }) => row.visible)).toBe(true)
  })

  it('tries a policy change without committing it (what-if)', async () => {
    const whatIf = ['CREATE POLICY "bob reads alice" ON guide_own.posts FOR SELECT USING (current_setting(\'app.user_id\', true) = \'b0000000-0000-4000-8000-000000000002\')']
    const r = await explain('guide_own', 'posts', 'bob', { whatIf })
    expect(r.rows.filter((row: { visible: boolean }) => row.visible)).toHaveLength(3)
    const after = await explain('guide_own', 'posts', 'bob')
    expect(after.rows.filter((row: { visible: boolean }) => row.visible)).toHaveLength(1)
    const bad = await studio('/studio/api/rls/explain', { schema: 'guide_own', table: 'posts', whatIf: ['CREATE POLICY oops ON nowhere USING (true)'] })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toContain('the what-if statement failed')
  })

  it('mints tokens for custom claims, and refuses claims without a role', async () => {
    const ok = await (await studio('/studio/api/rls/identity-token', { claims: { role: 'authenticated', sub: USERS.carol, org: 'globex' } })).json()
    const r = await explain('guide_org', 'posts', null)
    expect(r.identity.role).toBe('service_role')
    const res = await studio('/studio/api/rls/explain', { schema: 'guide_org', table: 'posts' }, ok.access_token)
    const asCarol = await res.json()
    expect(asCarol.identity).toEqual({ role: 'authenticated', appRole: 'authenticated', userId: USERS.carol })
    const bad = await studio('/studio/api/rls/identity-token', { claims: { sub: 'x' } })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toContain('claims.role is required')
  })
})
