// test/integration/project/policy-tests-cli.test.ts — `fluxbase-studio test` as CI runs it (the built CLI, after
// `npm run build:server`), on a project folder whose migration is the guide's example and whose seed is its people:
// through the runtime serving the data directory, on the database the folder builds (live changes do not count;
// --live tests the live one), exit 0 with one line per assertion; a policy broken in a new migration exits 1 with
// the explanation, in the line, TAP and JUnit reporters; bad flags exit 2; --watch re-runs on a change; with no
// runtime running it starts its own and stops it.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, runCliCommand } from '../../helpers/cli-process.js'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'
import { makeGuideProject } from '../../fixtures/policy-tests/guide-project.js'
import { spawn } from 'node:child_process'

let dataDir: string
let rt: TestRuntime | undefined
let project: ReturnType<typeof makeGuideProject>
let GUIDE_PROJECT: string

const policyTests = (args: string[], cwd?: string) => runCliCommand(['test', '--data-dir', dataDir, ...args], { cwd })
const BREAK_POLICY = `ALTER POLICY users_own_posts ON guide_own.posts
  USING (user_id::text = current_setting('app.user_id', true) AND title NOT LIKE '%second%');
`

beforeAll(async () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:server`)
  dataDir = tempDataDir()
  project = makeGuideProject()
  GUIDE_PROJECT = project.root
  rt = await startTestRuntime({ dataDir, project: project.root })
}, 120_000)

afterAll(async () => {
  await rt?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
  project?.remove()
})

describe('fluxbase-studio test', () => {
  it('passes with exit code 0 and one line per assertion (the project folder defaults to the current one)', async () => {
    const { code, stdout, stderr } = await policyTests([], GUIDE_PROJECT)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(38)
    expect(lines[0]).toBe('ok   fluxbase/tests/rls/1-own.yaml:9 guide_own.posts: alice sees exactly 10000000-0000-4000-8000-000000000001; 10000000-0000-4000-8000-000000000002')
    expect(lines).toContain("ok   fluxbase/tests/rls/1-own.yaml:24 guide_own.posts: alice cannot write a post in bob's name")
    expect(lines.at(-1)).toMatch(/^37 assertions: 37 passed, 0 failed, 0 could not be evaluated \(\d+ ms\)$/)
  })

  it('exits 1 on a policy broken in the folder (not when broken live only, unless --live), explaining the failure in every reporter', async () => {
    // Broken live only: the folder-built database still passes, --live fails.
    await rt!.admin.query(BREAK_POLICY)
    expect((await policyTests(['--project', GUIDE_PROJECT])).code).toBe(0)
    const live = await policyTests(['--project', GUIDE_PROJECT, '--live'])
    expect(live.code).toBe(1)
    expect(live.stdout).toMatch(/37 assertions: 36 passed, 1 failed/)
    // Broken in the folder: a new migration (applied live by the watcher too).
    project.write('fluxbase/migrations/002_refactor_posts.up.sql', BREAK_POLICY)
    try {
      const line = await policyTests(['--project', GUIDE_PROJECT])
      expect(line.code).toBe(1)
      expect(line.stdout).toContain(
        [
          'FAIL fluxbase/tests/rls/1-own.yaml:9 guide_own.posts: alice sees exactly 10000000-0000-4000-8000-000000000001; 10000000-0000-4000-8000-000000000002',
          '       alice does not see 10000000-0000-4000-8000-000000000002',
          "         hidden 10000000-0000-4000-8000-000000000002: hidden: no permissive policy passed — users_own_posts → false: `title !~~ '%second%'::text` is false",
        ].join('\n'),
      )
      expect(line.stdout).toMatch(/37 assertions: 36 passed, 1 failed, 0 could not be evaluated/)

      const tap = await policyTests(['--project', GUIDE_PROJECT, '--reporter', 'tap'])
      expect(tap.code).toBe(1)
      expect(tap.stdout.startsWith('TAP version 14\n1..37\nnot ok 1 - fluxbase/tests/rls/1-own.yaml:9 guide_own.posts: alice sees exactly')).toBe(true)
      expect(tap.stdout).toContain('  message: |-\n    alice does not see 10000000-0000-4000-8000-000000000002\n')
      expect(tap.stdout).toContain('\nok 2 - fluxbase/tests/rls/1-own.yaml:11 ')

      const junit = await policyTests(['--project', GUIDE_PROJECT, '--reporter', 'junit'])
      expect(junit.code).toBe(1)
      expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites tests="37" failures="1" errors="0" skipped="0">/)
      expect(junit.stdout).toContain('<testsuite name="fluxbase/tests/rls/1-own.yaml" tests="11" failures="1" errors="0" skipped="0"')
      expect(junit.stdout).toContain('<failure message="alice does not see 10000000-0000-4000-8000-000000000002" type="policy"/>')
      expect(junit.stdout).toContain("<system-out><![CDATA[alice does not see 10000000-0000-4000-8000-000000000002\nhidden 10000000-0000-4000-8000-000000000002: hidden: no permissive policy passed — users_own_posts → false: `title !~~ '%second%'::text` is false\n")
    } finally {
      fs.rmSync(path.join(GUIDE_PROJECT, 'fluxbase/migrations/002_refactor_posts.up.sql'))
    }
  })

  it('exits 2 on bad flags, 1 when there is nothing to run', async () => {
    const reporter = await policyTests(['--reporter', 'xml'])
    expect(reporter).toMatchObject({ code: 2, stderr: 'fluxbase-studio test: unknown reporter "xml" (line, tap or junit)\n' })
    expect((await policyTests(['--nope'])).code).toBe(2)
    const empty = await policyTests(['--project', dataDir])
    expect(empty.code).toBe(1)
    expect(empty.stderr).toBe(`fluxbase-studio test: no test files in ${path.join(dataDir, 'fluxbase', 'tests', 'rls')} (*.yaml; see docs/policy-tests.md)\n`)
  })

  it('--watch runs again when a test file changes, and ends on SIGINT with the last run\'s exit code', async () => {
    const child = spawn(process.execPath, [CLI, 'test', '--watch', '--data-dir', dataDir, '--project', GUIDE_PROJECT], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const until = async (re: RegExp) => {
      for (let i = 0; i < 600 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 100))
      expect(out).toMatch(re)
    }
    try {
      await until(/37 assertions: 37 passed[^\n]*\n[\s\S]*watching/)
      // Node's recursive watch on Linux adds the subfolders' watches just after it returns.
      await new Promise((r) => setTimeout(r, 1000))
      project.write('fluxbase/tests/rls/9-extra.yaml', 'tables:\n  guide_own.posts:\n    - as: anon\n      count: 1\n')
      await until(/38 assertions: 37 passed, 1 failed/)
      child.kill('SIGINT')
      expect(await exited).toBe(1)
    } finally {
      child.kill('SIGKILL')
      fs.rmSync(path.join(GUIDE_PROJECT, 'fluxbase/tests/rls/9-extra.yaml'), { force: true })
    }
  }, 90_000)

  it('refuses to run another folder\'s tests on the runtime serving this data directory', async () => {
    const other = makeGuideProject()
    try {
      const r = await policyTests(['--project', other.root])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`builds its database from ${GUIDE_PROJECT}, not ${other.root}`)
    } finally {
      other.remove()
    }
  })

  it('starts a runtime of its own when none runs', async () => {
    await rt!.stop()
    rt = undefined
    const { code, stdout } = await policyTests(['--project', GUIDE_PROJECT])
    expect(code).toBe(0)
    expect(stdout).toMatch(/37 assertions: 37 passed/)
    expect(fs.existsSync(path.join(dataDir, 'runtime.lock'))).toBe(false)
  })
})
