// The guide's row-level security patterns (test/fixtures/rls), loaded as written, exercised through the REST API
// by several users: what each one sees, and what each one may write.
import path from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { FIXTURES, loadFixture, publicBaseline, runScenario, tokens, type Baseline, type Scenario, USERS } from './scenario.js'

let rt: TestRuntime
let token: ReturnType<typeof tokens>
let baseline: Baseline

beforeAll(async () => {
  rt = await startTestRuntime()
  token = tokens(rt)
  baseline = await publicBaseline(rt.admin)
})
afterAll(async () => {
  await rt?.stop()
})

const T = '/api/v1/tables'

const PATTERNS: Array<{ file: string; title: string; scenarios: Scenario[] }> = [
  {
    file: '01-own-rows.sql',
    title: 'pattern 1: user owns resource',
    scenarios: [
      { name: 'alice sees her posts', as: 'alice', path: `${T}/posts?select=title`, expect: { status: 200, values: ['alice 1', 'alice 2'] } },
      { name: 'bob sees his post', as: 'bob', path: `${T}/posts?select=title`, expect: { status: 200, values: ['bob 1'] } },
      { name: 'dave sees nothing', as: 'dave', path: `${T}/posts?select=title`, expect: { status: 200, values: [] } },
      { name: 'anon sees nothing', as: 'anon', path: `${T}/posts?select=title`, expect: { status: 200, values: [] } },
      { name: 'a filter cannot widen the policy', as: 'alice', path: `${T}/posts?select=title&user_id=eq.${USERS.bob}`, expect: { status: 200, values: [] } },
      { name: 'alice inserts her own post', as: 'alice', method: 'POST', path: `${T}/posts?select=title`, body: { user_id: USERS.alice, title: 'alice 3' }, expect: { status: 201, body: { title: 'alice 3' } } },
      {
        name: 'alice cannot insert a post as bob (WITH CHECK), and the hint names the policy',
        as: 'alice', method: 'POST', path: `${T}/posts`, body: { user_id: USERS.bob, title: 'forged' },
        expect: { status: 403, error: /row-level security/, hint: /users_own_posts/, db: { sql: "SELECT count(*)::int AS n FROM posts WHERE title = 'forged'", rows: [{ n: 0 }] } },
      },
      { name: 'alice cannot update bob\'s post', as: 'alice', method: 'PATCH', path: `${T}/posts?title=eq.bob 1`, body: { title: 'hacked' }, expect: { status: 200, body: [], db: { sql: "SELECT title FROM posts WHERE user_id = '" + USERS.bob + "'", rows: [{ title: 'bob 1' }] } } },
      { name: 'alice cannot move her post to bob', as: 'alice', method: 'PATCH', path: `${T}/posts?title=eq.alice 1`, body: { user_id: USERS.bob }, expect: { status: 403, hint: /users_own_posts/ } },
      { name: 'alice cannot delete bob\'s post', as: 'alice', method: 'DELETE', path: `${T}/posts?title=eq.bob 1`, expect: { status: 200, body: { affected: 0, records: [] } } },
      { name: 'alice deletes her own post', as: 'alice', method: 'DELETE', path: `${T}/posts?title=eq.alice 3&select=title`, expect: { status: 200, body: { affected: 1, records: [{ title: 'alice 3' }] } } },
      { name: 'anon may not write at all (no grant): 403 naming the GRANT', as: 'anon', method: 'POST', path: `${T}/posts`, body: { user_id: USERS.alice, title: 'x' }, expect: { status: 403, hint: /GRANT INSERT.* ON public\.posts TO anon/ } },
      { name: 'auth.uid() policies work too: alice sees her note', as: 'alice', path: `${T}/notes?select=body`, expect: { status: 200, field: 'body', values: ['alice note'] } },
      { name: 'auth.uid() default and check: carol adds a note for herself', as: 'carol', method: 'POST', path: `${T}/notes?select=body,user_id`, body: { body: 'carol 2' }, expect: { status: 201, body: { body: 'carol 2', user_id: USERS.carol } } },
      { name: 'auth.uid() check refuses a note for someone else', as: 'carol', method: 'POST', path: `${T}/notes`, body: { body: 'x', user_id: USERS.alice }, expect: { status: 403, hint: /notes_owner/ } },
      { name: 'the service role bypasses RLS', as: 'service', path: `${T}/posts?select=title`, expect: { status: 200, values: ['alice 1', 'alice 2', 'bob 1'] } },
    ],
  },
  {
    file: '02-organization.sql',
    title: 'pattern 2: organization access',
    scenarios: [
      { name: 'alice sees her organization\'s posts', as: 'alice', path: `${T}/posts?select=title`, expect: { status: 200, values: ['org1 by alice', 'org1 by bob'] } },
      { name: 'bob sees the same', as: 'bob', path: `${T}/posts?select=title`, expect: { status: 200, values: ['org1 by alice', 'org1 by bob'] } },
      { name: 'carol sees org 2', as: 'carol', path: `${T}/posts?select=title`, expect: { status: 200, values: ['org2 by carol'] } },
      { name: 'dave sees org 2 (not his own post, his organization\'s)', as: 'dave', path: `${T}/posts?select=title`, expect: { status: 200, values: ['org2 by carol'] } },
      { name: 'embedding the author works under the same policy', as: 'carol', path: `${T}/posts?select=title,users(email)`, expect: { status: 200, body: [{ title: 'org2 by carol', users: { email: 'carol@example.com' } }] } },
      { name: 'counting respects the policy', as: 'alice', path: `${T}/posts?select=title&count=exact`, expect: { status: 200, headers: { 'content-range': '0-1/2' } } },
      {
        name: 'no INSERT policy: inserting is refused, the hint says none applies',
        as: 'alice', method: 'POST', path: `${T}/posts`, body: { id: '00000000-0000-4000-8000-000000000199', user_id: USERS.alice, organization_id: '00000000-0000-4000-8000-0000000000f1', title: 'x' },
        expect: { status: 403, hint: /no INSERT policy applies/ },
      },
    ],
  },
  {
    file: '03-role-based.sql',
    title: 'pattern 3: role-based access',
    scenarios: [
      { name: 'admin alice sees every post', as: 'alice', path: `${T}/posts?select=title`, expect: { status: 200, values: ['by alice', 'by bob', 'by carol', 'by dave'] } },
      { name: 'editor bob sees his own', as: 'bob', path: `${T}/posts?select=title`, expect: { status: 200, values: ['by bob'] } },
      { name: 'editor bob updates his own post', as: 'bob', method: 'PATCH', path: `${T}/posts?title=eq.by bob&select=title`, body: { title: 'by bob (edited)' }, expect: { status: 200, body: [{ title: 'by bob (edited)' }] } },
      { name: 'viewer carol cannot update her own post', as: 'carol', method: 'PATCH', path: `${T}/posts?title=eq.by carol`, body: { title: 'nope' }, expect: { status: 200, body: [], db: { sql: "SELECT count(*)::int AS n FROM posts WHERE title = 'by carol'", rows: [{ n: 1 }] } } },
      { name: 'admin alice cannot update bob\'s post (editors_update_own is own rows only)', as: 'alice', method: 'PATCH', path: `${T}/posts?title=like.by bob*`, body: { title: 'admin edit' }, expect: { status: 200, body: [] } },
      { name: 'dave, without a role, sees his own post only', as: 'dave', path: `${T}/posts?select=title`, expect: { status: 200, values: ['by dave'] } },
    ],
  },
  {
    file: '04-hierarchical.sql',
    title: 'pattern 4: hierarchical access through a recursive function',
    scenarios: [
      { name: 'alice sees her whole tree (bob and, through him, carol)', as: 'alice', path: `${T}/posts?select=title`, expect: { status: 200, values: ['by alice', 'by bob', 'by carol'] } },
      { name: 'bob sees himself and carol', as: 'bob', path: `${T}/posts?select=title`, expect: { status: 200, values: ['by bob', 'by carol'] } },
      { name: 'carol sees herself', as: 'carol', path: `${T}/posts?select=title`, expect: { status: 200, values: ['by carol'] } },
      { name: 'dave sees himself', as: 'dave', path: `${T}/posts?select=title`, expect: { status: 200, values: ['by dave'] } },
      { name: 'the helper is callable as RPC by the same user', as: 'alice', method: 'POST', path: `/api/v1/rpc/default/get_team_members`, body: { params: { manager: USERS.alice } }, expect: { status: 200, match: { status: 'completed', rows_returned: 2 } } },
    ],
  },
  {
    file: '05-time-based.sql',
    title: 'pattern 5: time-based access',
    scenarios: [
      { name: 'alice sees her published, past-embargo posts only', as: 'alice', path: `${T}/posts?select=title`, expect: { status: 200, values: ['alice live', 'alice no date'] } },
      { name: 'bob sees his live post', as: 'bob', path: `${T}/posts?select=title`, expect: { status: 200, values: ['bob live'] } },
      { name: 'filters combine with the policy', as: 'alice', path: `${T}/posts?select=title&publish_at=not.is.null`, expect: { status: 200, values: ['alice live'] } },
      { name: 'counts are of visible rows', as: 'alice', path: `${T}/posts?select=count(*)`, expect: { status: 200, body: [{ count: 2 }] } },
    ],
  },
  {
    file: '06-shared-documents.sql',
    title: 'pattern 6: shared documents',
    scenarios: [
      { name: 'alice sees her document', as: 'alice', path: `${T}/documents?select=title`, expect: { status: 200, values: ['doc A'] } },
      { name: 'bob sees his own and the one shared with him', as: 'bob', path: `${T}/documents?select=title`, expect: { status: 200, values: ['doc A', 'doc B'] } },
      { name: 'carol sees the shared one', as: 'carol', path: `${T}/documents?select=title`, expect: { status: 200, values: ['doc A'] } },
      { name: 'dave sees nothing', as: 'dave', path: `${T}/documents?select=title`, expect: { status: 200, values: [] } },
      { name: 'bob (view) cannot edit doc A', as: 'bob', method: 'PATCH', path: `${T}/documents?title=eq.doc A`, body: { title: 'bob was here' }, expect: { status: 200, body: [] } },
      { name: 'carol (edit) edits doc A', as: 'carol', method: 'PATCH', path: `${T}/documents?title=eq.doc A&select=title`, body: { title: 'doc A v2' }, expect: { status: 200, body: [{ title: 'doc A v2' }] } },
      { name: 'alice (owner) edits it back', as: 'alice', method: 'PATCH', path: `${T}/documents?title=eq.doc A v2&select=title`, body: { title: 'doc A' }, expect: { status: 200, body: [{ title: 'doc A' }] } },
      { name: 'dave cannot edit what he cannot see', as: 'dave', method: 'PATCH', path: `${T}/documents?title=eq.doc A`, body: { title: 'x' }, expect: { status: 200, body: [] } },
      { name: 'sharees are visible through the share table embed', as: 'alice', path: `${T}/documents?select=title,document_shares(permission,users(email))&document_shares.order=permission`, expect: { status: 200, body: [{ title: 'doc A', document_shares: [{ permission: 'edit', users: { email: 'carol@example.com' } }, { permission: 'view', users: { email: 'bob@example.com' } }] }] } },
    ],
  },
  {
    file: '07-soft-delete-view.sql',
    title: 'soft deletes through a trigger and a view',
    scenarios: [
      { name: 'deleting through the table is soft: nothing is deleted, the row is marked', as: 'alice', method: 'DELETE', path: `${T}/posts?title=eq.alice remove`, expect: { status: 200, body: { affected: 0, records: [] }, db: { sql: "SELECT title, deleted_by::text FROM posts WHERE deleted_at IS NOT NULL", rows: [{ title: 'alice remove', deleted_by: USERS.alice }] } } },
      { name: 'the view hides soft-deleted rows (it runs with its owner\'s rights: every live row)', as: 'alice', path: `${T}/active_posts?select=title`, expect: { status: 200, values: ['alice keep', 'bob keep'] } },
      { name: 'embedding through the view works (its FKs come from posts)', as: 'service', path: `${T}/active_posts?select=title,users!user_id(email)&title=eq.bob keep`, expect: { status: 200, body: [{ title: 'bob keep', users: { email: 'bob@example.com' } }] } },
      { name: '… for users only with SELECT on users, which the guide does not grant: 403 naming it', as: 'alice', path: `${T}/active_posts?select=title,users!user_id(email)`, expect: { status: 403, hint: /GRANT SELECT ON public\.users TO authenticated/ } },
      { name: 'the table still shows them to their owner, with the filter the guide uses to hide them', as: 'alice', path: `${T}/posts?select=title&deleted_at=is.null`, expect: { status: 200, values: ['alice keep'] } },
      { name: 'bob cannot soft-delete alice\'s post (the trigger\'s UPDATE runs under his RLS)', as: 'bob', method: 'DELETE', path: `${T}/posts?title=eq.alice keep`, expect: { status: 200, body: { affected: 0, records: [] }, db: { sql: "SELECT count(*)::int AS n FROM posts WHERE deleted_at IS NULL", rows: [{ n: 2 }] } } },
      { name: 'inserting through the view works (it is auto-updatable and granted)', as: 'alice', method: 'POST', path: `${T}/active_posts?select=title`, body: { user_id: USERS.alice, title: 'via view' }, expect: { status: 201, body: { title: 'via view' } } },
      { name: 'deleting through the view is refused: no DELETE grant on it', as: 'alice', method: 'DELETE', path: `${T}/active_posts?title=eq.via view`, expect: { status: 403, hint: /DELETE/ } },
    ],
  },
  {
    file: '08-security-definer.sql',
    title: 'SECURITY DEFINER helpers and EXISTS policies',
    scenarios: [
      { name: 'alice sees her posts (good_policy, own rows)', as: 'alice', path: `${T}/posts?select=title`, expect: { status: 200, values: ['alice own', 'alice acl carol', 'alice shared bob'] } },
      { name: 'carol sees the post the definer helper grants her through a table she cannot read', as: 'carol', path: `${T}/posts?select=title`, expect: { status: 200, values: ['alice acl carol'] } },
      { name: 'bob sees the post shared with him', as: 'bob', path: `${T}/posts?select=title`, expect: { status: 200, values: ['alice shared bob'] } },
      { name: 'dave sees nothing', as: 'dave', path: `${T}/posts?select=title`, expect: { status: 200, values: [] } },
      { name: 'the helper\'s table itself is closed: 403 with the GRANT to add', as: 'carol', path: `${T}/post_acl`, expect: { status: 403, hint: /GRANT SELECT ON public\.post_acl TO authenticated/ } },
    ],
  },
]

describe.sequential('RLS patterns of the guide', () => {
  for (const pattern of PATTERNS) {
    describe.sequential(pattern.title, () => {
      beforeAll(async () => {
        await loadFixture(rt, path.join(FIXTURES, 'rls', pattern.file), baseline)
      })
      for (const s of pattern.scenarios) it(s.name, () => runScenario(rt, token, s))
    })
  }
})
