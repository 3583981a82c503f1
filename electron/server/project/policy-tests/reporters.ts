// project/policy-tests/reporters.ts — a report → text: one line per assertion (default, with the explanation under a
// failure), TAP version 14, or JUnit XML (junit-report-builder: one suite per file, one case per assertion). Pure.
import junit from 'junit-report-builder'
import type { AssertionResult, PolicyTestReport } from './report.js'

export const REPORTERS = ['line', 'tap', 'junit'] as const
export type ReporterName = (typeof REPORTERS)[number]

const where = (r: AssertionResult) => `${r.file}:${r.line}`
const MARK = { pass: 'ok  ', fail: 'FAIL', error: 'ERR ' } as const

function lineReport(report: PolicyTestReport): string {
  const out: string[] = []
  for (const r of report.results) {
    out.push(`${MARK[r.status]} ${where(r)} ${r.table ? `${r.table}: ` : ''}${r.title}`)
    if (r.status !== 'pass') {
      if (r.message) out.push(`       ${r.message}`)
      for (const e of r.explanation) out.push(`         ${e}`)
    }
  }
  out.push(`${report.results.length} assertions: ${report.passed} passed, ${report.failed} failed, ${report.errors} could not be evaluated (${report.durationMs} ms)`)
  return out.join('\n') + '\n'
}

/** A YAML block for TAP's diagnostics: every line indented, so any text is safe. */
function tapDiagnostics(r: AssertionResult): string[] {
  const block = (key: string, lines: string[]) => [`  ${key}: |-`, ...lines.map((l) => `    ${l}`)]
  return ['  ---', ...block('message', [r.message ?? '']), ...(r.explanation.length ? block('explanation', r.explanation) : []), `  at: ${JSON.stringify(where(r))}`, '  ...']
}

function tapReport(report: PolicyTestReport): string {
  const out = ['TAP version 14', `1..${report.results.length}`]
  report.results.forEach((r, i) => {
    // "#" starts a directive in TAP: keep it out of the description.
    const description = `${where(r)} ${r.table ? `${r.table}: ` : ''}${r.title}`.replace(/#/g, '\\#')
    out.push(`${r.status === 'pass' ? 'ok' : 'not ok'} ${i + 1} - ${description}`)
    if (r.status !== 'pass') out.push(...tapDiagnostics(r))
  })
  return out.join('\n') + '\n'
}

function junitReport(report: PolicyTestReport): string {
  const builder = junit.newBuilder()
  const suites = new Map<string, ReturnType<typeof builder.testSuite>>()
  for (const r of report.results) {
    let suite = suites.get(r.file)
    if (!suite) {
      suite = builder.testSuite().name(r.file)
      suites.set(r.file, suite)
    }
    const testCase = suite.testCase().className(r.table || r.file).name(`${r.title} (${where(r)})`).file(r.file)
    const text = [r.message ?? '', ...r.explanation].join('\n')
    if (r.status === 'fail') testCase.failure(r.message ?? 'failed', 'policy').standardOutput(text)
    if (r.status === 'error') testCase.error(r.message ?? 'could not be evaluated', 'invalid-test').standardOutput(text)
  }
  return builder.build()
}

export function renderReport(report: PolicyTestReport, reporter: ReporterName): string {
  if (reporter === 'tap') return tapReport(report)
  if (reporter === 'junit') return junitReport(report)
  return lineReport(report)
}
