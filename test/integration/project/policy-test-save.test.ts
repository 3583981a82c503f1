// test/integration/project/policy-test-save.test.ts — "Save as test" through the studio's routes, against a real
// runtime whose project folder holds the guide's example as a migration and its people as the seed: each pattern
// gets a test file written from the simulator (explanation, dry run, compare matrix, the whole-table snapshot), the
// run (on the database the folder builds, not the live one) passes; a policy broken in a new migration makes
// exactly the right assertions fail, explained by the policy and its clause, picked up by the watch; a what-if
// edit is checked on a throwaway clone and the live policy stays as it was.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { eventually, makeProject, type TestProject } from './project-folder.js'
import { USERS } from '../../fixtures/guide-rls-verdicts.js'
import { GUIDE_SEED } from '../../fixtures/policy-tests/guide-project.js'

const GUIDE_SQL = fs.readFileSync(path.resolve('resources/examples/guide-rls.sql'), 'utf8')

/** One table per pattern of the guide. */
const PATTERNS = [
  ['guide_own', 'posts'],
  ['guide_org', 'posts'],
  ['guide_roles', 'posts'],
  ['guide_team', 'posts'],
  ['guide_time', 'posts'],
  ['guide_shared', 'documents'],
  ['guide_soft_delete', 'posts'],
  ['guide_definer', 'posts'],
] as const

/** The dry run of the guide's shared-documents pattern: carol may only view the plan, so her edit is refused. */
const CAROL_EDITS_PLAN = {
  from: 'dry-run',
  schema: 'guide_shared',
  table: 'documents',
  as: { email: 'carol@globex.test' },
  command: 'UPDATE',
  match: { id: '60000000-0000-4000-8000-000000000001' },
  values: { title: "Carol's edit" },
}

let rt: TestRuntime
let project: TestProject

async function studio<T = Record<string, unknown>>(route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${rt.info.apiUrl}/studio/api/policy-tests/${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${rt.info.studioToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as T }
}

interface Draft {
  table: string
  identities: unknown[]
  assertions: Array<Record<string, unknown>>
  skipped: string[]
}
interface Report {
  results: Array<{ file: string; line: number; status: string; title: string; message?: string; explanation: string[] }>
  passed: number
  failed: number
  errors: number
}
interface Run {
  trigger: string
  at: string
  database: { source: string; database: string }
  report: Report
}

async function saveDraft(file: string, request: Record<string, unknown>): Promise<{ draft: Draft; text: string }> {
  const d = await studio<{ draft: Draft; text: string }>('draft', request)
  expect(d.status, JSON.stringify(d.body)).toBe(200)
  const saved = await studio('save', { file, draft: d.body.draft })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  return d.body
}

beforeAll(async () => {
  project = makeProject({ '001_guide_rls.up.sql': GUIDE_SQL }, GUIDE_SEED)
  rt = await startTestRuntime({ project: project.root })
}, 120_000)

afterAll(async () => {
  await rt?.stop()
  project?.remove()
})

describe('Save as test, from the simulator to a file that passes', () => {
  it('drafts the exact text from an explanation, a dry run and the compare matrix', async () => {
    const explain = await studio<{ draft: Draft; text: string }>('draft', { from: 'explain', schema: 'guide_own', table: 'posts', as: { email: 'alice@acme.test' } })
    expect(explain.status).toBe(200)
    expect(explain.body.text).toBe(
      [
        'identities:',
        '  alice: { email: alice@acme.test }',
        'tables:',
        '  guide_own.posts:',
        '    - as: alice',
        '      sees:',
        '        - 10000000-0000-4000-8000-000000000001',
        '        - 10000000-0000-4000-8000-000000000002',
        '',
      ].join('\n'),
    )
    const dry = await studio<{ draft: Draft; text: string }>('draft', CAROL_EDITS_PLAN)
    expect(dry.status).toBe(200)
    expect(dry.body.draft.assertions).toEqual([
      { as: 'carol', update: { where: { id: '60000000-0000-4000-8000-000000000001' }, set: { title: "Carol's edit" } }, expect: 'refused', by: 'shared_document_edit' },
    ])
    expect(dry.body.text).toContain("      update:\n        where: { id: 60000000-0000-4000-8000-000000000001 }\n        set: { title: Carol's edit }\n      expect: refused\n      by: shared_document_edit\n")
    const compare = await studio<{ draft: Draft }>('draft', {
      from: 'compare',
      schema: 'guide_own',
      table: 'posts',
      identities: [{ as: { email: 'bob@acme.test' } }, { as: 'anon', name: 'visitor' }],
    })
    expect(compare.status).toBe(200)
    expect(compare.body.draft.assertions).toEqual([
      { as: 'bob', count: 1 },
      { as: 'bob', for: 'update', count: 1 },
      { as: 'bob', for: 'delete', count: 1 },
      { as: 'visitor', count: 0 },
      { as: 'visitor', for: 'update', count: 0 },
      { as: 'visitor', for: 'delete', count: 0 },
    ])
  })

  it('writes a file per guide pattern through the routes, and the run on the folder-built database passes', async () => {
    for (const [schema, table] of PATTERNS) await saveDraft(`${schema}.yaml`, { from: 'table', schema, table })
    // Onto an existing file: an explanation, a refused write (by its policy) and a compare matrix.
    await saveDraft('guide_own.yaml', { from: 'explain', schema: 'guide_own', table: 'posts', as: { email: 'bob@acme.test' } })
    await saveDraft('guide_own.yaml', { from: 'dry-run', schema: 'guide_own', table: 'posts', as: { email: 'bob@acme.test' }, command: 'INSERT', values: { user_id: USERS.alice, title: 'as alice' } })
    await saveDraft('guide_shared.yaml', CAROL_EDITS_PLAN)
    await saveDraft('guide_shared.yaml', { from: 'compare', schema: 'guide_shared', table: 'documents', identities: [{ as: { email: 'alice@acme.test' } }, { as: { claims: { role: 'authenticated', sub: USERS.dave } }, name: 'stranger' }] })

    const files = fs.readdirSync(path.join(project.root, 'fluxbase/tests/rls')).sort()
    expect(files).toEqual(PATTERNS.map(([s]) => `${s}.yaml`).sort())
    const own = fs.readFileSync(path.join(project.root, 'fluxbase/tests/rls/guide_own.yaml'), 'utf8')
    expect(own).toContain('  bob: { email: bob@acme.test }')
    expect(own).toContain('      insert: { user_id: a1000000-0000-4000-8000-000000000001, title: as alice }\n      expect: refused\n      by: users_own_posts')
    // The identities are declared once per file, however many drafts named them.
    expect(own.match(/bob: \{ email/g)).toHaveLength(1)

    // Live data the folder knows nothing of: the tests run on the database the folder builds, so they still pass.
    await rt.admin.query(`INSERT INTO guide_own.posts (user_id, title) VALUES ('${USERS.alice}', 'made live, not in the seed')`)
    const run = await studio<Run>('run', {})
    expect(run.status).toBe(200)
    expect(run.body.database.source).toBe('project')
    expect(run.body.report.results.filter((r) => r.status !== 'pass')).toEqual([])
    expect(run.body.report.passed).toBeGreaterThan(60)
    expect((await studio<{ run: Run }>('last')).body.run.at).toBe(run.body.at)
  })

  it('appending keeps the file valid and its existing lines as they were (only added lines in the diff)', async () => {
    const file = path.join(project.root, 'fluxbase/tests/rls/guide_time.yaml')
    const before = `# written by hand: keep me\n${fs.readFileSync(file, 'utf8')}`
    fs.writeFileSync(file, before)
    await saveDraft('guide_time.yaml', { from: 'explain', schema: 'guide_time', table: 'posts', as: { email: 'carol@globex.test' } })
    const after = fs.readFileSync(file, 'utf8').split('\n')
    let i = 0
    for (const line of before.split('\n')) {
      while (i < after.length && after[i] !== line) i++
      expect(i, `kept line "${line}"`).toBeLessThan(after.length)
      i++
    }
    expect(after.length).toBeGreaterThan(before.split('\n').length)
  })

  it('refuses names that escape the folder, a file that is not YAML, and a draft that is not a valid assertion', async () => {
    const draft = { table: 'guide_own.posts', identities: [], assertions: [{ as: 'anon', count: 0 }] }
    for (const file of ['../escape.yaml', 'sub/dir.yaml', '.hidden.yaml', 'notes.txt', '/etc/x.yaml']) {
      const r = await studio<{ message: string }>('save', { file, draft })
      expect(r.status, file).toBe(400)
      expect(r.body.message).toMatch(/plain file name ending in \.yaml/)
    }
    fs.writeFileSync(path.join(project.root, 'fluxbase/tests/rls/broken.yaml'), 'tables: [unclosed\n')
    const broken = await studio<{ message: string }>('save', { file: 'broken.yaml', draft })
    expect(broken.status).toBe(409)
    expect(broken.body.message).toMatch(/broken\.yaml is not valid YAML/)
    expect(fs.readFileSync(path.join(project.root, 'fluxbase/tests/rls/broken.yaml'), 'utf8')).toBe('tables: [unclosed\n')
    fs.rmSync(path.join(project.root, 'fluxbase/tests/rls/broken.yaml'))
    const bad = await studio<{ message: string }>('save', { file: 'x.yaml', draft: { ...draft, assertions: [{ as: 'anon', sees: [], count: 1 }] } })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/exactly one of sees, includes, hides or count/)
    const unknownUser = await studio<{ message: string }>('draft', { from: 'explain', schema: 'guide_own', table: 'posts', as: { email: 'nobody@x.test' } })
    expect(unknownUser.status).toBe(400)
    expect(unknownUser.body.message).toMatch(/no user with email nobody@x.test/)
    expect(fs.existsSync(path.join(project.root, 'fluxbase/tests/rls/x.yaml'))).toBe(false)
  })

  it('a what-if policy edit is checked against the tests on a clone; the live policy is untouched', async () => {
    const breakIt = `ALTER POLICY users_own_posts ON guide_own.posts USING (user_id::text = current_setting('app.user_id', true) AND title NOT LIKE '%second%')`
    const r = await studio<Run & { newlyFailing: string[] }>('what-if', { whatIf: [breakIt] })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const failed = r.body.report.results.filter((x) => x.status !== 'pass')
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.every((f) => f.file === 'fluxbase/tests/rls/guide_own.yaml')).toBe(true)
    expect(r.body.newlyFailing).toEqual(failed.map((f) => `${f.file}:${f.line}`))
    expect(failed.flatMap((f) => f.explanation).join('\n')).toContain("users_own_posts → false: `title !~~ '%second%'::text` is false")
    const live = await rt.admin.query("SELECT qual FROM pg_policies WHERE policyname = 'users_own_posts'")
    expect(live.rows[0].qual).not.toContain('second')
    const bad = await studio<{ message: string }>('what-if', { whatIf: ['ALTER POLICY nope ON guide_own.posts USING (true)'] })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/the what-if statement failed: policy "nope"/)
  })

  it('a policy broken in a new migration is caught by the watch: the right assertions fail, explained', async () => {
    const before = (await studio<{ run: Run }>('last')).body.run.at
    project.write('002_refactor_posts.up.sql', `ALTER POLICY users_own_posts ON guide_own.posts USING (user_id::text = current_setting('app.user_id', true) AND title NOT LIKE '%second%');\n`)
    const run = await eventually(async () => {
      const last = (await studio<{ run: Run }>('last')).body.run
      return last.at !== before && last.trigger === 'watch' ? last : undefined
    }, 60_000)
    const failed = run.report.results.filter((r) => r.status !== 'pass')
    // alice's exact rows, the update/delete counts of the snapshot: each in guide_own.yaml, nothing elsewhere.
    expect(failed.map((f) => f.file)).toEqual(failed.map(() => 'fluxbase/tests/rls/guide_own.yaml'))
    const sees = failed.find((f) => f.message === 'alice does not see 10000000-0000-4000-8000-000000000002')
    expect(sees?.explanation[0]).toBe("hidden 10000000-0000-4000-8000-000000000002: hidden: no permissive policy passed — users_own_posts → false: `title !~~ '%second%'::text` is false")
    const update = failed.find((f) => f.message === 'alice may update 1 row, expected 2')
    expect(update?.explanation.join('\n')).toContain('users_own_posts')
    // bob owns no "second" post: his assertions still pass.
    expect(failed.some((f) => /bob/.test(f.message ?? ''))).toBe(false)
  }, 90_000)
})
