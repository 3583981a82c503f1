// test/bench/policy-tests.bench.ts — `npm run bench -- policy-tests` (after `npm run build:server`): 200 policy test
// assertions over the guide's patterns (the fixture files, cycled), run end to end by the built CLI
// (`fluxbase-studio test`) against a warm runtime, on the database the project folder (the guide as a migration, its
// people as the seed) builds; target ≤ 2 s. Also the runner in-process on that database, and the baseline in the
// same process: the same 200 checks as plain SQL statements, one transaction each, as the identity (withIdentity).
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import YAML from 'yaml'
import { startTestRuntime, tempDataDir } from '../helpers/runtime.js'
import { CLI } from '../helpers/cli-process.js'
import { GUIDE_PROJECT, makeGuideProject } from '../fixtures/policy-tests/guide-project.js'
import { onTestDatabase } from '../../electron/server/project/policy-tests/test-database.js'
import { findTestFiles } from '../../electron/server/project/policy-tests/find-test-files.js'
import { runPolicyTests } from '../../electron/server/project/policy-tests/run-policy-tests.js'
import { splitTableName } from '../../electron/server/project/policy-tests/run-policy-tests.js'
import { identityResolver } from '../../electron/server/project/policy-tests/resolve-identities.js'
import { withIdentity } from '../../electron/server/postgres/with-identity.js'
import { quoteQualified } from '../../electron/server/postgres/quote-ident.js'
import type { IdentitySpec } from '../../electron/server/project/policy-tests/test-file-schema.js'
import { fmt, median, spread } from './stats.js'

const ROUNDS = Number(process.env.BENCH_RUNS ?? 5)
const ASSERTIONS = 200
const TARGET_MS = 2000
const run = promisify(execFile)

interface Parsed {
  identities?: Record<string, IdentitySpec>
  tables: Record<string, Array<Record<string, unknown>>>
}

/** One file of ASSERTIONS assertions: the fixture files' assertions, cycled. */
function benchSuite(): { text: string; checks: Array<{ table: string; as: string }>; identities: Record<string, IdentitySpec> } {
  const identities: Record<string, IdentitySpec> = {}
  const all: Array<{ table: string; assertion: Record<string, unknown> }> = []
  for (const f of findTestFiles(GUIDE_PROJECT)) {
    const doc = YAML.parse(f.text) as Parsed
    Object.assign(identities, doc.identities)
    for (const [table, list] of Object.entries(doc.tables)) for (const assertion of list) all.push({ table, assertion })
  }
  const tables: Record<string, unknown[]> = {}
  const checks: Array<{ table: string; as: string }> = []
  for (let i = 0; i < ASSERTIONS; i++) {
    const { table, assertion } = all[i % all.length]
    ;(tables[table] ??= []).push(assertion)
    checks.push({ table, as: String(assertion.as) })
  }
  return { text: YAML.stringify({ identities, tables }), checks, identities }
}

function line(name: string, values: number[], extra = '') {
  const { min, max } = spread(values)
  console.log(`policy-tests ${name.padEnd(44)} median ${fmt(median(values), 1)} ms  spread ${fmt(min, 1)}–${fmt(max, 1)} ms  (n=${values.length})${extra}`)
}

async function main() {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:server`)
  const dataDir = tempDataDir()
  const guide = makeGuideProject()
  const project = guide.root
  const rt = await startTestRuntime({ dataDir, project })
  try {
    const suite = benchSuite()
    const dir = path.join(project, 'fluxbase', 'tests', 'rls')
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'bench.yaml'), suite.text)

    const cli: number[] = []
    const inProcess: number[] = []
    const baseline: number[] = []
    const resolve = identityResolver(rt.admin)
    const who = new Map<string, Awaited<ReturnType<typeof resolve>>>()
    for (const name of new Set(suite.checks.map((c) => c.as))) who.set(name, await resolve(suite.identities[name] ?? (name as IdentitySpec)))
    // The first run builds the folder's template and the kept test clone: measured apart, the rounds reuse them.
    const cold = performance.now()
    await run(process.execPath, [CLI, 'test', '--project', project, '--data-dir', dataDir], { timeout: 300_000 })
    const coldMs = performance.now() - cold
    for (let round = 0; round < ROUNDS; round++) {
      let t0 = performance.now()
      const { stdout } = await run(process.execPath, [CLI, 'test', '--project', project, '--data-dir', dataDir], { timeout: 120_000 })
      cli.push(performance.now() - t0)
      if (!stdout.includes(`${ASSERTIONS} assertions: ${ASSERTIONS} passed`)) throw new Error(`the suite did not pass:\n${stdout.slice(-2000)}`)

      t0 = performance.now()
      const report = await onTestDatabase(rt.ctx, (pools) => runPolicyTests(pools, findTestFiles(project)))
      inProcess.push(performance.now() - t0)
      if (report.passed !== ASSERTIONS) throw new Error(`in-process: ${report.passed} passed`)

      t0 = performance.now()
      for (const check of suite.checks) {
        const identity = who.get(check.as)!
        if (!identity.ok) throw new Error(identity.message)
        const { schema, table } = splitTableName(check.table)
        await withIdentity(rt.ctx.pools.api, identity.identity, (c) => c.query(`SELECT count(*) FROM ${quoteQualified(schema, table)}`).catch(() => undefined), { rollback: true }).catch(() => undefined)
      }
      baseline.push(performance.now() - t0)
    }
    const cliMedian = median(cli)
    line(`${ASSERTIONS} assertions, CLI end to end (warm runtime)`, cli, `  target ≤ ${TARGET_MS} ms: ${cliMedian <= TARGET_MS ? 'met' : 'NOT met'}`)
    line(`${ASSERTIONS} assertions, runner in-process`, inProcess, `  ×${fmt(median(inProcess) / median(baseline), 1)} the baseline`)
    line(`baseline: ${ASSERTIONS} plain SQL checks, 1 transaction each`, baseline)
    line('first run (builds the folder\'s database)', [coldMs])
  } finally {
    await rt.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
    guide.remove()
  }
}

await main()
