// test/unit/project/policy-test-file.test.ts — the pure parts of policy tests: a test file's text → assertions and
// problems with their lines (YAML errors, schema errors, one bad assertion not hiding the others), and the reporters.
import { describe, expect, it } from 'vitest'
import { loadTestFile } from '../../../electron/server/project/policy-tests/load-test-file.js'
import { renderReport } from '../../../electron/server/project/policy-tests/reporters.js'
import type { PolicyTestReport } from '../../../electron/server/project/policy-tests/report.js'

const load = (text: string) => loadTestFile({ file: 't.yaml', text })

describe('loadTestFile', () => {
  it('keeps each assertion with its line, and each problem with the line of the node at fault', () => {
    const loaded = load(['tables:', '  posts:', '    - as: anon', '      count: 0', '    - as: anon', '      count: -1', '    - as: anon', '      insert: { title: x }', '      expect: maybe', ''].join('\n'))
    expect(loaded.assertions.map((a) => [a.line, a.table, a.index])).toEqual([[3, 'posts', 0]])
    expect(loaded.problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'posts, assertion 2: count: Too small: expected number to be >=0'],
      [9, expect.stringMatching(/^posts, assertion 3: expect: Invalid option: expected one of "allowed"\|"refused"/)],
    ])
  })

  it('reports YAML syntax errors and duplicate keys with their line, and a missing tables key at the top', () => {
    expect(load('tables:\n  posts: [\n').problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^YAML syntax error: /) })
    expect(load('tables:\n  posts:\n    - as: anon\n      count: 1\n      count: 2\n').problems[0]).toMatchObject({ line: 5, message: expect.stringMatching(/^YAML syntax error: Map keys must be unique/) })
    expect(load('identities: {}\n').problems).toEqual([{ file: 't.yaml', line: 1, message: 'tables: Invalid input: expected record, received undefined' }])
  })

  it('says by and rows belong to refused and allowed writes', () => {
    const loaded = load('tables:\n  posts:\n    - as: anon\n      delete: { where: { id: 1 } }\n      expect: allowed\n      by: p\n')
    expect(loaded.problems.map((p) => [p.line, p.message])).toEqual([[6, 'posts, assertion 1: by: "by" names the policy that refuses a write: use it with expect: refused']])
  })
})

describe('reporters', () => {
  const report: PolicyTestReport = {
    results: [
      { file: 'a.yaml', line: 3, table: 'posts', title: 'anon sees 0 rows', status: 'pass', explanation: [] },
      { file: 'a.yaml', line: 5, table: 'posts', title: 'bob sees #1', status: 'fail', message: 'bob does not see 1', explanation: ['hidden 1: p → false'] },
    ],
    passed: 1,
    failed: 1,
    errors: 0,
    durationMs: 12,
  }

  it('line: one line per assertion, the explanation under a failure, a summary', () => {
    expect(renderReport(report, 'line')).toBe(
      'ok   a.yaml:3 posts: anon sees 0 rows\nFAIL a.yaml:5 posts: bob sees #1\n       bob does not see 1\n         hidden 1: p → false\n2 assertions: 1 passed, 1 failed, 0 could not be evaluated (12 ms)\n',
    )
  })

  it('tap: a "#" in a description is escaped, a failure carries YAML diagnostics', () => {
    expect(renderReport(report, 'tap')).toBe(
      'TAP version 14\n1..2\nok 1 - a.yaml:3 posts: anon sees 0 rows\nnot ok 2 - a.yaml:5 posts: bob sees \\#1\n  ---\n  message: |-\n    bob does not see 1\n  explanation: |-\n    hidden 1: p → false\n  at: "a.yaml:5"\n  ...\n',
    )
  })
})
