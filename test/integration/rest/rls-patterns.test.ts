// The guide's row-level security patterns, exercised through the REST API by several users: what each one sees, and
// what each one may write. The patterns come from the product's example project (resources/examples/guide-rls.sql),
// loaded through the studio exactly as a user loads it, plus test/fixtures/rls/additions.sql for what a scenario
// needs beyond it. Who sees what without the additions is test/fixtures/guide-rls-verdicts.ts.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { schemaStoreFor } from '../../../electron/server/rest/schema/schema-store.js'
import { USERS } from '../../fixtures/guide-rls-verdicts.js'
import { FIXTURES, runScenario, tokens, type Scenario, type Who } from './scenario.js'

type As = Who<typeof USERS>

let rt: TestRuntime
let token: (who: As) => Promise<string>

beforeAll(async () => {
  rt = await startTestRuntime()
  token = tokens(rt, USERS)
  const res = await fetch(`${rt.info.apiUrl}/studio/api/examples/guide-rls`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json' },
    body: '{}',
  })
  expect(res.status, await res.text()).toBe(200)
  await rt.admin.query(fs.readFileSync(path.join(FIXTURES, 'rls', 'additions.sql'), 'utf8'))
  await (await schemaStoreFor(rt.ctx)).reload()
})
afterAll(async () => {
  await rt?.stop()
})

const T = '/api/v1/tables'
const OWN = `${T}/guide_own`
const ORG = `${T}/guide_org`
const ROLES = `${T}/guide_roles`
const TEAM = `${T}/guide_team`
const TIME = `${T}/guide_time`
const SHARED = `${T}/guide_shared`
const SOFT = `${T}/guide_soft_delete`
const DEFINER = `${T}/guide_definer`
const PLAN = '60000000-0000-4000-8000-000000000001'
const PLAN_TITLE = "Alice's plan (shared with Bob to edit, Carol to view)"

const PATTERNS: Array<{ title: string; scenarios: Array<Scenario<As>> }> = [
  {
    title: 'pattern 1: user owns resource',
    scenarios: [
      { name: 'alice sees her posts', as: 'alice', path: `${OWN}/posts?select=title`, expect: { status: 200, values: ["Alice's first post", "Alice's second post"] } },
      { name: 'bob sees his post', as: 'bob', path: `${OWN}/posts?select=title`, expect: { status: 200, values: ["Bob's post"] } },
      { name: 'dave sees nothing', as: 'dave', path: `${OWN}/posts?select=title`, expect: { status: 200, values: [] } },
      { name: 'anon sees nothing', as: 'anon', path: `${OWN}/posts?select=title`, expect: { status: 200, values: [] } },
      { name: 'a filter cannot widen the policy', as: 'alice', path: `${OWN}/posts?select=title&user_id=eq.${USERS.bob}`, expect: { status: 200, values: [] } },
      { name: 'alice inserts her own post', as: 'alice', method: 'POST', path: `${OWN}/posts?select=title`, body: { user_id: USERS.alice, title: 'alice 3' }, expect: { status: 201, body: { title: 'alice 3' } } },
      {
        name: 'alice cannot insert a post as bob (WITH CHECK), and the hint names the policy',
        as: 'alice', method: 'POST', path: `${OWN}/posts`, body: { user_id: USERS.bob, title: 'forged' },
        expect: { status: 403, error: /row-level security/, hint: /users_own_posts/, db: { sql: "SELECT count(*)::int AS n FROM guide_own.posts WHERE title = 'forged'", rows: [{ n: 0 }] } },
      },
      { name: 'alice cannot update bob\'s post', as: 'alice', method: 'PATCH', path: `${OWN}/posts?title=eq.Bob's post`, body: { title: 'hacked' }, expect: { status: 200, body: [], db: { sql: "SELECT title FROM guide_own.posts WHERE user_id = '" + USERS.bob + "'", rows: [{ title: "Bob's post" }] } } },
      { name: 'alice cannot move her post to bob', as: 'alice', method: 'PATCH', path: `${OWN}/posts?title=eq.Alice's first post`, body: { user_id: USERS.bob }, expect: { status: 403, hint: /users_own_posts/ } },
      { name: 'alice cannot delete bob\'s post', as: 'alice', method: 'DELETE', path: `${OWN}/posts?title=eq.Bob's post`, expect: { status: 200, body: { affected: 0, records: [] } } },
      { name: 'alice deletes her own post', as: 'alice', method: 'DELETE', path: `${OWN}/posts?title=eq.alice 3&select=title`, expect: { status: 200, body: { affected: 1, records: [{ title: 'alice 3' }] } } },
      { name: 'anon may not write at all (no grant): 403 naming the GRANT', as: 'anon', method: 'POST', path: `${OWN}/posts`, body: { user_id: USERS.alice, title: 'x' }, expect: { status: 403, hint: /GRANT INSERT.* ON guide_own\.posts TO anon/ } },
      { name: 'auth.uid() policies work too: alice sees her note', as: 'alice', path: `${OWN}/notes?select=body`, expect: { status: 200, field: 'body', values: ['alice note'] } },
      { name: 'auth.uid() default and check: carol adds a note for herself', as: 'carol', method: 'POST', path: `${OWN}/notes?select=body,user_id`, body: { body: 'carol 2' }, expect: { status: 201, body: { body: 'carol 2', user_id: USERS.carol } } },
      { name: 'auth.uid() check refuses a note for someone else', as: 'carol', method: 'POST', path: `${OWN}/notes`, body: { body: 'x', user_id: USERS.alice }, expect: { status: 403, hint: /notes_owner/ } },
      { name: 'the service role bypasses RLS', as: 'service', path: `${OWN}/posts?select=title`, expect: { status: 200, values: ["Alice's first post", "Alice's second post", "Bob's post"] } },
    ],
  },
  {
    title: 'pattern 2: organization access',
    scenarios: [
      { name: 'alice sees her organization\'s posts', as: 'alice', path: `${ORG}/posts?select=title`, expect: { status: 200, values: ['Acme roadmap', 'Acme launch notes'] } },
      { name: 'bob sees the same', as: 'bob', path: `${ORG}/posts?select=title`, expect: { status: 200, values: ['Acme roadmap', 'Acme launch notes'] } },
      { name: 'carol sees Globex\'s', as: 'carol', path: `${ORG}/posts?select=title`, expect: { status: 200, values: ['Globex plans'] } },
      { name: 'erin sees Acme\'s (not her own posts: she has none; her organization\'s)', as: 'erin', path: `${ORG}/posts?select=title`, expect: { status: 200, values: ['Acme roadmap', 'Acme launch notes'] } },
      { name: 'embedding the author works under the same policy', as: 'carol', path: `${ORG}/posts?select=title,users(email)`, expect: { status: 200, body: [{ title: 'Globex plans', users: { email: 'carol@globex.test' } }] } },
      { name: 'counting respects the policy', as: 'alice', path: `${ORG}/posts?select=title&count=exact`, expect: { status: 200, headers: { 'content-range': '0-1/2' } } },
      {
        name: 'no INSERT policy: inserting is refused, the hint says none applies',
        as: 'alice', method: 'POST', path: `${ORG}/posts`, body: { id: '20000000-0000-4000-8000-000000000099', user_id: USERS.alice, organization_id: '0a000000-0000-4000-8000-0000000000a1', title: 'x' },
        expect: { status: 403, hint: /no INSERT policy applies/ },
      },
    ],
  },
  {
    title: 'pattern 3: role-based access',
    scenarios: [
      { name: 'admin alice sees every post', as: 'alice', path: `${ROLES}/posts?select=title`, expect: { status: 200, values: ['Admin announcement', 'Editor draft', 'Viewer note', 'No-role post'] } },
      { name: 'editor bob sees his own', as: 'bob', path: `${ROLES}/posts?select=title`, expect: { status: 200, values: ['Editor draft'] } },
      { name: 'editor bob updates his own post', as: 'bob', method: 'PATCH', path: `${ROLES}/posts?title=eq.Editor draft&select=title`, body: { title: 'Editor draft (edited)' }, expect: { status: 200, body: [{ title: 'Editor draft (edited)' }] } },
      { name: 'viewer carol cannot update her own post', as: 'carol', method: 'PATCH', path: `${ROLES}/posts?title=eq.Viewer note`, body: { title: 'nope' }, expect: { status: 200, body: [], db: { sql: "SELECT count(*)::int AS n FROM guide_roles.posts WHERE title = 'Viewer note'", rows: [{ n: 1 }] } } },
      { name: 'admin alice cannot update bob\'s post (editors_update_own is own rows only)', as: 'alice', method: 'PATCH', path: `${ROLES}/posts?title=like.Editor draft*`, body: { title: 'admin edit' }, expect: { status: 200, body: [] } },
      { name: 'dave, without a role, sees his own post only', as: 'dave', path: `${ROLES}/posts?select=title`, expect: { status: 200, values: ['No-role post'] } },
    ],
  },
  {
    title: 'pattern 4: hierarchical access through a recursive function',
    scenarios: [
      { name: 'alice sees her whole tree (bob and, through him, erin)', as: 'alice', path: `${TEAM}/posts?select=title`, expect: { status: 200, values: ['Alice (manager)', 'Bob (reports to Alice)', 'Erin (reports to Bob)'] } },
      { name: 'bob sees himself and erin', as: 'bob', path: `${TEAM}/posts?select=title`, expect: { status: 200, values: ['Bob (reports to Alice)', 'Erin (reports to Bob)'] } },
      { name: 'erin sees herself', as: 'erin', path: `${TEAM}/posts?select=title`, expect: { status: 200, values: ['Erin (reports to Bob)'] } },
      { name: 'carol, outside the team, sees herself', as: 'carol', path: `${TEAM}/posts?select=title`, expect: { status: 200, values: ['Carol (outside the team)'] } },
    ],
  },
  {
    title: 'pattern 5: time-based access',
    scenarios: [
      { name: 'alice sees her published, past-embargo posts only', as: 'alice', path: `${TIME}/posts?select=title`, expect: { status: 200, values: ['Published', 'Went live in 2020'] } },
      { name: 'bob sees his live post', as: 'bob', path: `${TIME}/posts?select=title`, expect: { status: 200, values: ['Bob live'] } },
      { name: 'filters combine with the policy', as: 'alice', path: `${TIME}/posts?select=title&publish_at=not.is.null`, expect: { status: 200, values: ['Went live in 2020'] } },
      { name: 'counts are of visible rows', as: 'alice', path: `${TIME}/posts?select=count(*)`, expect: { status: 200, body: [{ count: 2 }] } },
    ],
  },
  {
    title: 'pattern 6: shared documents',
    scenarios: [
      { name: 'alice sees her documents', as: 'alice', path: `${SHARED}/documents?select=title`, expect: { status: 200, values: [PLAN_TITLE, "Alice's diary (not shared)"] } },
      { name: 'bob sees his own and the one shared with him', as: 'bob', path: `${SHARED}/documents?select=title`, expect: { status: 200, values: [PLAN_TITLE, "Bob's notes"] } },
      { name: 'carol sees the shared one', as: 'carol', path: `${SHARED}/documents?select=title`, expect: { status: 200, values: [PLAN_TITLE] } },
      { name: 'dave sees nothing', as: 'dave', path: `${SHARED}/documents?select=title`, expect: { status: 200, values: [] } },
      { name: 'carol (view) cannot edit the plan', as: 'carol', method: 'PATCH', path: `${SHARED}/documents?id=eq.${PLAN}`, body: { title: 'carol was here' }, expect: { status: 200, body: [] } },
      { name: 'bob (edit) edits the plan', as: 'bob', method: 'PATCH', path: `${SHARED}/documents?id=eq.${PLAN}&select=title`, body: { title: 'plan v2' }, expect: { status: 200, body: [{ title: 'plan v2' }] } },
      { name: 'alice (owner) edits it back', as: 'alice', method: 'PATCH', path: `${SHARED}/documents?id=eq.${PLAN}&select=title`, body: { title: PLAN_TITLE }, expect: { status: 200, body: [{ title: PLAN_TITLE }] } },
      { name: 'dave cannot edit what he cannot see', as: 'dave', method: 'PATCH', path: `${SHARED}/documents?id=eq.${PLAN}`, body: { title: 'x' }, expect: { status: 200, body: [] } },
      {
        name: 'sharees are visible through the share table embed',
        as: 'alice', path: `${SHARED}/documents?select=title,document_shares(permission,users(email))&document_shares.order=permission&id=eq.${PLAN}`,
        expect: { status: 200, body: [{ title: PLAN_TITLE, document_shares: [{ permission: 'edit', users: { email: 'bob@acme.test' } }, { permission: 'view', users: { email: 'carol@globex.test' } }] }] },
      },
    ],
  },
  {
    title: 'soft deletes through a trigger and a view',
    scenarios: [
      { name: 'deleting through the table is soft: nothing is deleted, the row is marked', as: 'alice', method: 'DELETE', path: `${SOFT}/posts?title=eq.Alice remove`, expect: { status: 200, body: { affected: 0, records: [] }, db: { sql: "SELECT title, deleted_by::text FROM guide_soft_delete.posts WHERE deleted_at IS NOT NULL ORDER BY title", rows: [{ title: 'Alice remove', deleted_by: USERS.alice }, { title: 'Deleted earlier', deleted_by: USERS.alice }] } } },
      { name: 'the view hides soft-deleted rows (it runs with its owner\'s rights: every live row)', as: 'alice', path: `${SOFT}/active_posts?select=title`, expect: { status: 200, values: ['Kept', 'Bob keep'] } },
      { name: 'embedding through the view works (its FKs come from posts)', as: 'service', path: `${SOFT}/active_posts?select=title,users!created_by(email)&title=eq.Bob keep`, expect: { status: 200, body: [{ title: 'Bob keep', users: { email: 'bob@acme.test' } }] } },
      // PostgreSQL's message names the table without its schema, and the hint's guess is the first schema with a
      // `users` (auth, here): the grant it names is checked, not the schema it guesses.
      { name: '… for users only with SELECT on users, which the guide does not grant: 403 naming it', as: 'alice', path: `${SOFT}/active_posts?select=title,users!created_by(email)`, expect: { status: 403, error: /permission denied for table users/, hint: /GRANT SELECT ON guide_soft_delete\.users TO authenticated/ } },
      { name: 'the table still shows them to their owner, with the filter the guide uses to hide them', as: 'alice', path: `${SOFT}/posts?select=title&deleted_at=is.null`, expect: { status: 200, values: ['Kept'] } },
      { name: 'bob cannot soft-delete alice\'s post (the trigger\'s UPDATE runs under his RLS)', as: 'bob', method: 'DELETE', path: `${SOFT}/posts?title=eq.Kept`, expect: { status: 200, body: { affected: 0, records: [] }, db: { sql: "SELECT count(*)::int AS n FROM guide_soft_delete.posts WHERE deleted_at IS NULL", rows: [{ n: 2 }] } } },
      { name: 'inserting through the view works (it is auto-updatable and granted)', as: 'alice', method: 'POST', path: `${SOFT}/active_posts?select=title`, body: { created_by: USERS.alice, title: 'via view' }, expect: { status: 201, body: { title: 'via view' } } },
      { name: 'deleting through the view is refused: no DELETE grant on it', as: 'alice', method: 'DELETE', path: `${SOFT}/active_posts?title=eq.via view`, expect: { status: 403, hint: /DELETE/ } },
    ],
  },
  {
    title: 'SECURITY DEFINER helpers and EXISTS policies',
    scenarios: [
      { name: 'alice sees her posts (good_policy, own rows)', as: 'alice', path: `${DEFINER}/posts?select=title`, expect: { status: 200, values: ['Public post', 'Private, shared with Bob', 'Private'] } },
      { name: 'bob sees the post the definer helper grants him through a table he cannot read (and the public one)', as: 'bob', path: `${DEFINER}/posts?select=title`, expect: { status: 200, values: ['Public post', 'Private, shared with Bob'] } },
      { name: 'carol sees the post shared with her (good_policy\'s EXISTS)', as: 'carol', path: `${DEFINER}/posts?select=title`, expect: { status: 200, values: ['Public post', 'Private'] } },
      { name: 'dave sees only what the helper makes public', as: 'dave', path: `${DEFINER}/posts?select=title`, expect: { status: 200, values: ['Public post'] } },
      { name: 'the helper\'s table itself is closed: 403 with the GRANT to add', as: 'carol', path: `${DEFINER}/post_acl`, expect: { status: 403, hint: /GRANT SELECT ON guide_definer\.post_acl TO authenticated/ } },
    ],
  },
]

describe.sequential('RLS patterns of the guide', () => {
  for (const pattern of PATTERNS) {
    describe.sequential(pattern.title, () => {
      for (const s of pattern.scenarios) it(s.name, () => runScenario(rt, token, s))
    })
  }
})
