// project/policy-tests/policy-tests-command.ts — `fluxbase-studio test [--project DIR] [--reporter line|tap|junit]`:
// runs DIR/fluxbase/tests/rls/*.yaml against the runtime serving the data directory when one runs (its policy-tests
// endpoint, with the service-role key from studio.json), else against a runtime this command starts and stops.
// Prints the report; exit code 0 all passed, 1 a failure or an assertion that could not be evaluated, 2 bad flags.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { resolveConfig } from '../../config.js'
import { runningRuntime } from '../types/types-command.js'
import { findTestFiles, TESTS_SUBDIR } from './find-test-files.js'
import type { SourceFile } from './load-test-file.js'
import { POLICY_TESTS_PATH, type PolicyTestReport } from './report.js'
import { renderReport, REPORTERS, type ReporterName } from './reporters.js'

export const TEST_USAGE = `Usage: fluxbase-studio test [--project DIR] [--reporter line|tap|junit] [--data-dir DIR]
  --project DIR     the project folder whose ${TESTS_SUBDIR}/*.yaml to run (default: the current folder)
  --reporter NAME   line (default: one line per assertion), tap, or junit (JUnit XML)
  --data-dir DIR    the data directory whose database to test (default: the per-user app-data folder)
Exit code: 0 every assertion passed, 1 any failed or could not be evaluated, 2 bad flags.`

interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }

async function onRunningRuntime(running: { apiUrl: string; serviceRoleKey: string }, files: SourceFile[]): Promise<PolicyTestReport> {
  const res = await fetch(running.apiUrl + POLICY_TESTS_PATH, {
    method: 'POST',
    headers: { Authorization: `Bearer ${running.serviceRoleKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ files }),
  })
  const body = (await res.json()) as PolicyTestReport & { message?: string; error?: string }
  if (!res.ok || !Array.isArray(body.results)) throw new Error(body.message ?? body.error ?? `the runtime at ${running.apiUrl} answered ${res.status}`)
  return body
}

async function onOwnRuntime(dataDir: string, files: SourceFile[]): Promise<PolicyTestReport> {
  // Loaded only here: asking a running runtime needs neither the runtime nor the runner in this process.
  const [{ createStudioRuntime }, { runPolicyTests }] = await Promise.all([import('../../runtime.js'), import('./run-policy-tests.js')])
  const runtime = createStudioRuntime({ dataDir, port: 0, quiet: true })
  await runtime.start()
  try {
    return await runPolicyTests(runtime.context!.pools, files)
  } finally {
    await runtime.stop()
  }
}

export async function runTestCommand(argv: string[], io: Io = processIo): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: { project: { type: 'string' }, reporter: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (err) {
    io.stderr(`fluxbase-studio test: ${(err as Error).message} (see --help)\n`)
    return 2
  }
  if (values.help) {
    io.stdout(TEST_USAGE + '\n')
    return 0
  }
  const reporter = (values.reporter ?? 'line') as ReporterName
  if (!REPORTERS.includes(reporter)) {
    io.stderr(`fluxbase-studio test: unknown reporter "${values.reporter}" (line, tap or junit)\n`)
    return 2
  }
  const projectDir = path.resolve(values.project ?? '.')
  try {
    const files = findTestFiles(projectDir)
    if (!files.length) {
      io.stderr(`fluxbase-studio test: no test files in ${path.join(projectDir, TESTS_SUBDIR)} (*.yaml; see docs/policy-tests.md)\n`)
      return 1
    }
    const dataDir = resolveConfig({ dataDir: values['data-dir'] }).dataDir
    const running = runningRuntime(dataDir)
    const report = running ? await onRunningRuntime(running, files) : await onOwnRuntime(dataDir, files)
    io.stdout(renderReport(report, reporter))
    return report.failed || report.errors ? 1 : 0
  } catch (err) {
    io.stderr(`fluxbase-studio test: ${(err as Error).message}\n`)
    return 1
  }
}
