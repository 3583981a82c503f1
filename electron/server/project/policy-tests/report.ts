// project/policy-tests/report.ts — the result of a policy test run, as the runner returns it, the runtime's endpoint
// sends it and the reporters print it; and that endpoint's path. No imports: the CLI loads this without the runner.

/** POST {files: [{file, text}]} → PolicyTestReport, for the service role (policy-tests-routes.ts). */
export const POLICY_TESTS_PATH = '/api/v1/admin/policy-tests'
export interface AssertionResult {
  /** The test file, relative to the project folder. */
  file: string
  /** The line the assertion (or the problem) starts on. */
  line: number
  /** schema.table as the file names it ('' for a problem of the whole file). */
  table: string
  title: string
  /** error: the assertion could not be evaluated (bad file, unknown name); it counts as a failure. */
  status: 'pass' | 'fail' | 'error'
  message?: string
  /** The RLS simulator's words: which policy, which clause, the values compared. */
  explanation: string[]
}

export interface PolicyTestReport {
  results: AssertionResult[]
  passed: number
  failed: number
  errors: number
  durationMs: number
}
