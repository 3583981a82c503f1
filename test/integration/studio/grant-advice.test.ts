// Hints that propose a GRANT (issue 22, defect 2): the REST API's permission errors, the RLS explainer, dry runs
// and the advisor never advise granting the runtime's own tables (auth.users holds every email) or a table whose
// RLS is off to anon/authenticated; a safe grant (RLS on) is still spelled out. Against the real runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

const ALICE = '11111111-1111-4111-8111-111111111111'
/** A GRANT to an app role, as a statement a user could paste (the dangerous advice). */
const BARE_GRANT_ON = (table: string) => new RegExp(`(^|: |— )GRANT \\w+(, \\w+)* ON ${table.replace('.', '\\.')} TO (anon|authenticated)`)

let rt: TestRuntime
let alice: string
beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(`
    CREATE TABLE public.open_notes (id bigserial PRIMARY KEY, owner uuid, body text);
    CREATE TABLE public.guarded_notes (id bigserial PRIMARY KEY, owner uuid, body text);
    ALTER TABLE public.guarded_notes ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own ON public.guarded_notes FOR SELECT TO authenticated USING (owner = auth.uid());
    CREATE TABLE public.policy_but_off (id bigserial PRIMARY KEY, owner uuid);
    CREATE POLICY own ON public.policy_but_off FOR SELECT TO authenticated USING (owner = auth.uid());
    REVOKE ALL ON public.open_notes, public.guarded_notes, public.policy_but_off FROM anon, authenticated;
    CREATE TABLE public.guarded_all (id bigserial PRIMARY KEY, owner uuid);
    ALTER TABLE public.guarded_all ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own ON public.guarded_all FOR ALL TO authenticated USING (owner = auth.uid());
    GRANT SELECT, INSERT, UPDATE, DELETE ON public.guarded_all TO authenticated;
  `)
  alice = await rt.signToken({ sub: ALICE, role: 'authenticated', email: 'alice@example.test' })
})
afterAll(async () => rt?.stop())

function studio(p: string, body?: unknown, identityToken?: string) {
  return fetch(`${rt.info.apiUrl}${p}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${rt.info.studioToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(identityToken ? { 'X-Studio-Identity': identityToken } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function restHint(path: string): Promise<{ status: number; hint: string }> {
  const res = await rt.api(path, { token: alice })
  const body = (await res.json()) as { hint?: string }
  return { status: res.status, hint: body.hint ?? '' }
}

describe('REST permission hints', () => {
  it('reading auth.users as a user: no grant, but how apps expose user data safely', async () => {
    const { status, hint } = await restHint('/api/v1/tables/auth/users?select=id,email')
    expect(status).toBe(403)
    expect(hint).not.toMatch(/GRANT \w+ ON auth\./)
    expect(hint).toMatch(/never grant/)
    expect(hint).toMatch(/profiles/)
  })

  it('a table with RLS off: enable RLS and add a policy before any grant', async () => {
    const { status, hint } = await restHint('/api/v1/tables/open_notes?select=id')
    expect(status).toBe(403)
    expect(hint).not.toMatch(BARE_GRANT_ON('public.open_notes'))
    expect(hint).toMatch(/row-level security off/)
    expect(hint.indexOf('ENABLE ROW LEVEL SECURITY')).toBeGreaterThan(-1)
    expect(hint.indexOf('ENABLE ROW LEVEL SECURITY')).toBeLessThan(hint.indexOf('GRANT SELECT'))
  })

  it('a table with RLS on: the grant is still spelled out', async () => {
    const { status, hint } = await restHint('/api/v1/tables/guarded_notes?select=id')
    expect(status).toBe(403)
    expect(hint).toMatch(BARE_GRANT_ON('public.guarded_notes'))
  })
})

describe('RLS simulator hints', () => {
  it('explain on auth.users as a user names no grant', async () => {
    const res = await studio('/studio/api/rls/explain', { schema: 'auth', table: 'users' }, alice)
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.privilege.granted).toBe(false)
    expect(body.privilege.hint).not.toMatch(/GRANT \w+ ON auth\./)
    expect(body.privilege.hint).toMatch(/profiles/)
  })

  it('a dry-run insert into a table with RLS off and no grant does not advise the grant alone', async () => {
    const res = await studio('/studio/api/rls/dry-run', { schema: 'public', table: 'open_notes', command: 'INSERT', values: { body: 'x' } }, alice)
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.verdict).toBe('refused')
    expect(body.summary).not.toMatch(/— GRANT INSERT ON public\.open_notes/)
    expect(body.summary).toMatch(/ENABLE ROW LEVEL SECURITY/)
  })

  it('explain as service_role does not claim every row is denied when policies are bypassed (defect 5)', async () => {
    const res = await studio('/studio/api/rls/explain', { schema: 'public', table: 'guarded_all' })
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.bypass).toMatch(/BYPASSRLS/)
    expect(body.combination).not.toMatch(/every row is denied/)
  })

  it('the advisor: nothing about the runtime’s own tables, and no bare grant on a table with RLS off', async () => {
    const res = await studio('/studio/api/rls/advisor')
    const { findings } = (await res.json()) as { findings: Array<{ table?: string; kind: string; fixSql: string }> }
    expect(findings.filter((f) => /^(auth|storage|realtime)\./.test(f.table ?? ''))).toEqual([])
    const offGrant = findings.find((f) => f.kind === 'policy_role_without_grant' && f.table === 'public.policy_but_off')
    expect(offGrant?.fixSql).toMatch(/^ALTER TABLE "public"\."policy_but_off" ENABLE ROW LEVEL SECURITY;/)
    for (const f of findings) expect(f.fixSql).not.toMatch(/GRANT \w+ ON (auth|storage|realtime)\./)
  })
})
