// project/policy-tests/policy-tests-command.ts — `fluxbase-studio test [--project DIR] [--reporter …] [--watch]`:
// runs DIR/fluxbase/tests/rls/*.yaml on the database DIR's migrations and seeds build (or, --live, the data
// directory's own), through the runtime serving the data directory when one runs (its policy-tests endpoint, with the
// service-role key from studio.json), else through a runtime this command starts and stops. Prints the report;
// exit code 0 all passed, 1 a failure or an assertion that could not be evaluated, 2 bad flags. --watch re-runs
// on every change of a migration, seed or test file until interrupted.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { resolveConfig } from '../../config.js'
import { runningRuntime } from '../types/types-command.js'
import { findTestFiles, TESTS_SUBDIR } from './find-test-files.js'
import type { SourceFile } from './load-test-file.js'
import { POLICY_TESTS_PATH, type PolicyTestReport } from './report.js'
import { renderReport, REPORTERS, type ReporterName } from './reporters.js'

export const TEST_USAGE = `Usage: fluxbase-studio test [--project DIR] [--reporter line|tap|junit] [--data-dir DIR] [--live] [--watch]
  --project DIR     the project folder whose ${TESTS_SUBDIR}/*.yaml to run (default: the current folder); the tests
                    run on the database its migrations and seeds build (a kept clone; the live data is untouched)
  --reporter NAME   line (default: one line per assertion), tap, or junit (JUnit XML)
  --data-dir DIR    the data directory whose runtime runs them (default: the per-user app-data folder)
  --live            run on the data directory's own database instead (as it is now, not as the folder builds it)
  --watch           run again whenever a migration, seed or test file of the project changes (Ctrl-C ends)
Exit code: 0 every assertion passed, 1 any failed or could not be evaluated, 2 bad flags.`

interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }

interface Target {
  projectDir: string
  live: boolean
}

async function onRunningRuntime(running: { apiUrl: string; serviceRoleKey: string }, files: SourceFile[], target: Target): Promise<PolicyTestReport> {
  const res = await fetch(running.apiUrl + POLICY_TESTS_PATH, {
    method: 'POST',
    headers: { Authorization: `Bearer ${running.serviceRoleKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ files, database: target.live ? 'live' : 'project', project: target.projectDir }),
  })
  const body = (await res.json()) as PolicyTestReport & { message?: string; error?: string }
  if (!res.ok || !Array.isArray(body.results)) throw new Error(body.message ?? body.error ?? `the runtime at ${running.apiUrl} answered ${res.status}`)
  return body
}

type Runner = { run: (files: SourceFile[]) => Promise<PolicyTestReport>; stop: () => Promise<void> }

/** A runtime this command starts on the data directory (with DIR as its project), kept for --watch's re-runs. */
async function ownRuntime(dataDir: string, target: Target): Promise<Runner> {
  // Loaded only here: asking a running runtime needs neither the runtime nor the runner in this process.
  const [{ createStudioRuntime }, { runPolicyTests }, { onTestDatabase }] = await Promise.all([import('../../runtime.js'), import('./run-policy-tests.js'), import('./test-database.js')])
  const runtime = createStudioRuntime({ dataDir, port: 0, quiet: true, project: target.projectDir })
  await runtime.start()
  const ctx = runtime.context!
  return {
    run: (files) => (target.live ? runPolicyTests(ctx.pools, files) : onTestDatabase(ctx, (pools) => runPolicyTests(pools, files))),
    stop: () => runtime.stop(),
  }
}

async function runner(dataDir: string, target: Target): Promise<Runner> {
  const running = runningRuntime(dataDir)
  if (running) return { run: (files) => onRunningRuntime(running, files, target), stop: async () => undefined }
  return ownRuntime(dataDir, target)
}

/** Re-runs on each change until SIGINT/SIGTERM; resolves with the last run's exit code. */
async function watchAndRerun(projectDir: string, once: () => Promise<number>, io: Io, first: number): Promise<number> {
  const { watchFolder } = await import('../folder-watcher.js')
  const { affectsPolicyTests } = await import('./policy-test-watch.js')
  let code = first
  let chain = Promise.resolve()
  const watcher = watchFolder(path.join(projectDir, 'fluxbase'), () => {
    chain = chain.then(async () => {
      code = await once()
    })
  }, 250, { recursive: true, accept: affectsPolicyTests, persistent: true })
  io.stderr(`fluxbase-studio test: watching ${path.join(projectDir, 'fluxbase')} (Ctrl-C ends)\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await watcher.close()
  await chain
  return code
}

export async function runTestCommand(argv: string[], io: Io = processIo): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        project: { type: 'string' },
        reporter: { type: 'string' },
        'data-dir': { type: 'string' },
        live: { type: 'boolean' },
        watch: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
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
  const target: Target = { projectDir, live: values.live ?? false }
  let run: Runner | undefined
  const once = async (): Promise<number> => {
    try {
      const files = findTestFiles(projectDir)
      if (!files.length) {
        io.stderr(`fluxbase-studio test: no test files in ${path.join(projectDir, TESTS_SUBDIR)} (*.yaml; see docs/policy-tests.md)\n`)
        return 1
      }
      run ??= await runner(resolveConfig({ dataDir: values['data-dir'] }).dataDir, target)
      const report = await run.run(files)
      io.stdout(renderReport(report, reporter))
      return report.failed || report.errors ? 1 : 0
    } catch (err) {
      io.stderr(`fluxbase-studio test: ${(err as Error).message}\n`)
      return 1
    }
  }
  try {
    const first = await once()
    return values.watch ? await watchAndRerun(projectDir, once, io, first) : first
  } finally {
    await run?.stop()
  }
}
