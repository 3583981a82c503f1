// test/integration/project/policy-tests-runner.test.ts — the policy test runner against a real runtime loaded with
// the guide's example project: the hand-written test files of every pattern pass; a deliberately broken policy
// makes exactly the assertions it breaks fail, explained in the simulator's words (policy, clause, value); bad test
// files are reported with file and line while the other assertions still run.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'
import { runPolicyTests } from '../../../electron/server/project/policy-tests/run-policy-tests.js'
import { findTestFiles } from '../../../electron/server/project/policy-tests/find-test-files.js'
import { GUIDE_PROJECT, loadGuide } from '../../fixtures/policy-tests/guide-project.js'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime()
  await loadGuide(rt.admin)
})

afterAll(async () => {
  await rt?.stop()
})

describe('policy tests over the guide patterns', () => {
  it('pass as written, each assertion leaving the data untouched', async () => {
    const before = (await rt.admin.query('SELECT count(*)::int AS n FROM guide_own.posts')).rows[0].n
    const report = await runPolicyTests(rt.ctx.pools, findTestFiles(GUIDE_PROJECT))
    const notPassing = report.results.filter((r) => r.status !== 'pass')
    expect(notPassing).toEqual([])
    expect(report.passed).toBe(37)
    expect(report.results.map((r) => `${r.file}:${r.line}`)).toContain('fluxbase/tests/rls/1-own.yaml:9')
    // The insert, update and delete assertions were rolled back.
    expect((await rt.admin.query('SELECT count(*)::int AS n FROM guide_own.posts')).rows[0].n).toBe(before)
    expect((await rt.admin.query("SELECT title FROM guide_own.posts WHERE id = '10000000-0000-4000-8000-000000000001'")).rows[0].title).toBe("Alice's first post")
  })

  it('a broken policy fails the right assertions, explained by policy, clause and value', async () => {
    // A "harmless" refactor that hides every post with "second" in its title from its own author.
    await rt.admin.query(`ALTER POLICY users_own_posts ON guide_own.posts
      USING (user_id::text = current_setting('app.user_id', true) AND title NOT LIKE '%second%')`)
    try {
      const report = await runPolicyTests(rt.ctx.pools, findTestFiles(GUIDE_PROJECT))
      const failed = report.results.filter((r) => r.status !== 'pass')
      expect(failed.map((r) => `${r.file}:${r.line} ${r.status}`)).toEqual(['fluxbase/tests/rls/1-own.yaml:9 fail'])
      const [f] = failed
      expect(f.message).toBe('alice does not see 10000000-0000-4000-8000-000000000002')
      expect(f.explanation[0]).toBe(
        "hidden 10000000-0000-4000-8000-000000000002: hidden: no permissive policy passed — users_own_posts → false: `title !~~ '%second%'::text` is false",
      )
      expect(f.explanation).toContain('policies combine as (users_own_posts) — NULL counts as false')
    } finally {
      await loadGuide(rt.admin)
    }
  })

  it('a write refused by another policy than the one named fails, naming the one that did', async () => {
    await rt.admin.query(`CREATE POLICY only_short_titles ON guide_own.posts AS RESTRICTIVE FOR INSERT WITH CHECK (length(title) < 4)`)
    try {
      const report = await runPolicyTests(rt.ctx.pools, findTestFiles(GUIDE_PROJECT))
      const failed = report.results.filter((r) => r.status !== 'pass')
      expect(failed.map((r) => `${r.line} ${r.message}`)).toEqual([
        '21 alice insert {"user_id":"a1000000-0000-4000-8000-000000000001","title":"Mine"}: refused: new row violates row-level security policy "only_short_titles" for table "posts", expected allowed',
      ])
      expect(failed[0].explanation[0]).toMatch(/^refused: hidden by restrictive only_short_titles \(WITH CHECK\) → false/)
    } finally {
      await loadGuide(rt.admin)
    }
  })

  it('a write allowed where it should be refused names the policy that let it through', async () => {
    // Forgetting the permission check: anyone a document is shared with may now edit it.
    await rt.admin.query(`ALTER POLICY shared_document_edit ON guide_shared.documents
      USING (id IN (SELECT document_id FROM guide_shared.document_shares WHERE shared_with_user_id::text = current_setting('app.user_id', true)))`)
    try {
      const report = await runPolicyTests(rt.ctx.pools, findTestFiles(GUIDE_PROJECT))
      const failed = report.results.filter((r) => r.status !== 'pass')
      expect(failed.map((r) => `${r.file}:${r.line} ${r.title}`)).toEqual(['fluxbase/tests/rls/6-shared.yaml:24 carol may only view it'])
      expect(failed[0].explanation).toEqual(['allowed: 1 row would be updated', 'UPDATE reaches 60000000-0000-4000-8000-000000000001: allowed by shared_document_edit'])
    } finally {
      await loadGuide(rt.admin)
    }
  })
})

describe('bad test files', () => {
  let project: string
  beforeAll(() => {
    project = tempDataDir('fluxbase-policy-tests-')
    const dir = path.join(project, 'fluxbase', 'tests', 'rls')
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'a-syntax.yaml'), 'identities:\n  alice: { email: alice@acme.test\ntables: {}\n')
    fs.writeFileSync(
      path.join(dir, 'b-names.yaml'),
      [
        'identities:',
        '  alice: { email: alice@acme.test }',
        '  ghost: { email: ghost@nowhere.test }',
        '  broken: { mail: x@y.z }',
        'tables:',
        '  guide_own.posts:',
        '    - as: alice',
        '      count: 2',
        '    - as: mallory',
        '      count: 0',
        '    - as: ghost',
        '      count: 0',
        '    - as: alice',
        '      where: { colour: red }',
        '      count: 0',
        '    - as: alice',
        '      insert: { user_id: a1000000-0000-4000-8000-000000000001, title: x }',
        '      expect: refused',
        '      by: no_such_policy',
        '    - as: alice',
        '      hides: [10000000-0000-4000-8000-00000000dead]',
        '    - as: alice',
        '      sees: [1]',
        '      count: 1',
        '    - as: broken',
        '      count: 0',
        '  guide_own.nope:',
        '    - as: alice',
        '      count: 0',
        '',
      ].join('\n'),
    )
  })
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }))

  it('are reported with file and line, and every other assertion still runs', async () => {
    const report = await runPolicyTests(rt.ctx.pools, findTestFiles(project))
    const lines = report.results.map((r) => `${r.file}:${r.line} ${r.status} ${r.status === 'pass' ? r.title : r.message}`)
    expect(lines).toEqual([
      expect.stringMatching(/^fluxbase\/tests\/rls\/a-syntax\.yaml:\d+ error YAML syntax error: /),
      expect.stringMatching(/^fluxbase\/tests\/rls\/b-names\.yaml:4 error identity "broken": write \{ email: … \}/),
      'fluxbase/tests/rls/b-names.yaml:7 pass alice sees 2 rows',
      'fluxbase/tests/rls/b-names.yaml:9 error unknown identity "mallory" (known here: "alice", "ghost", "anon", "service_role")',
      'fluxbase/tests/rls/b-names.yaml:11 error identity "ghost" (line 3): no user with email ghost@nowhere.test in auth.users (create it in the seed, or sign it up)',
      'fluxbase/tests/rls/b-names.yaml:13 error cannot be evaluated: where: unknown column "colour" in guide_own.posts',
      'fluxbase/tests/rls/b-names.yaml:16 error cannot be evaluated: no policy "no_such_policy" on guide_own.posts (its policies: "users_own_posts")',
      'fluxbase/tests/rls/b-names.yaml:20 error cannot be evaluated: no row 10000000-0000-4000-8000-00000000dead in guide_own.posts (as the superuser sees it), so "hides" proves nothing',
      'fluxbase/tests/rls/b-names.yaml:22 error guide_own.posts, assertion 7: a read assertion says exactly one of sees, includes, hides or count',
      'fluxbase/tests/rls/b-names.yaml:25 error identity "broken" is invalid (see its own error)',
      'fluxbase/tests/rls/b-names.yaml:28 error unknown table guide_own.nope',
    ])
  })
})
