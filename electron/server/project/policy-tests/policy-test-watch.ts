// project/policy-tests/policy-test-watch.ts — the policy tests of the runtime's project folder, kept current: run on
// demand (studio, CLI), and again whenever a migration (so a policy), a seed or a test file changes in the folder
// (folder-watcher.ts, recursive over DIR/fluxbase). The last run is kept for the studio and pushed to whoever
// follows (the SSE route); a what-if run tries a policy edit on a throwaway clone and is never "the last run".
import path from 'node:path'
import type { ServerContext } from '../../context.js'
import { isDirectory } from '../project-layout.js'
import { watchFolder, type FolderWatcher } from '../folder-watcher.js'
import { findTestFiles } from './find-test-files.js'
import type { SourceFile } from './load-test-file.js'
import { runPolicyTests } from './run-policy-tests.js'
import type { PolicyTestReport } from './report.js'
import { closeTestDatabase, onTestDatabase, type TestDatabase } from './test-database.js'

export interface PolicyTestRun {
  /** What started it: 'studio', 'watch', 'cli', 'what-if'. */
  trigger: string
  at: string
  database: TestDatabase
  report: PolicyTestReport
}

export interface WhatIfRun extends PolicyTestRun {
  whatIf: string[]
  /** file:line of assertions that passed in the last run and do not with the what-if applied. */
  newlyFailing: string[]
}

export interface PolicyTestWatch {
  /** The last run of the folder's tests (null before the first). */
  last(): PolicyTestRun | null
  runNow(trigger: string, files?: SourceFile[]): Promise<PolicyTestRun>
  whatIf(statements: string[]): Promise<WhatIfRun>
  subscribe(fn: (run: PolicyTestRun) => void): () => void
}

/** Changes that can change a test's outcome: migrations (policies), seeds, test files. */
export function affectsPolicyTests(relative: string): boolean {
  const p = relative.split(path.sep).join('/')
  return /^migrations\/[^/]+\.sql$/.test(p) || p === 'seed.sql' || /^seed\/[^/]+\.sql$/.test(p) || /^tests\/rls\/[^/]+\.ya?ml$/i.test(p)
}

const EMPTY: PolicyTestReport = { results: [], passed: 0, failed: 0, errors: 0, durationMs: 0 }
const watches = new WeakMap<ServerContext, PolicyTestWatch>()
const WATCH_DEBOUNCE_MS = 250

function createWatch(ctx: ServerContext): PolicyTestWatch {
  const root = ctx.config.project.root
  let last: PolicyTestRun | null = null
  const listeners = new Set<(run: PolicyTestRun) => void>()

  const runNow = async (trigger: string, files = findTestFiles(root)): Promise<PolicyTestRun> => {
    const started = { at: new Date().toISOString() }
    const { report, database } = files.length
      ? await onTestDatabase(ctx, async (pools, db) => ({ report: await runPolicyTests(pools, files), database: db }))
      : { report: EMPTY, database: { source: 'project' as const, database: '' } }
    const run: PolicyTestRun = { trigger, at: started.at, database, report }
    last = run
    for (const fn of listeners) fn(run)
    return run
  }

  const watch: PolicyTestWatch = {
    last: () => last,
    runNow,
    async whatIf(statements) {
      const files = findTestFiles(root)
      const { report, database } = await onTestDatabase(ctx, async (pools, db) => ({ report: await runPolicyTests(pools, files), database: db }), { whatIf: statements })
      const passedBefore = new Set((last?.report.results ?? []).filter((r) => r.status === 'pass').map((r) => `${r.file}:${r.line}`))
      const newlyFailing = report.results.filter((r) => r.status !== 'pass' && passedBefore.has(`${r.file}:${r.line}`)).map((r) => `${r.file}:${r.line}`)
      return { trigger: 'what-if', at: new Date().toISOString(), database, report, whatIf: statements, newlyFailing }
    },
    subscribe(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
  }

  let watcher: FolderWatcher | undefined
  if (isDirectory(ctx.config.project.fluxbaseDir)) {
    const rerun = () => {
      if (!findTestFiles(root).length) return
      runNow('watch').catch((err: Error) =>
        ctx.logs.log({ category: 'system', level: 'warn', component: 'policy-tests', message: `policy tests could not re-run after a change in ${ctx.config.project.fluxbaseDir}: ${err.message}` }),
      )
    }
    try {
      watcher = watchFolder(ctx.config.project.fluxbaseDir, rerun, WATCH_DEBOUNCE_MS, { recursive: true, accept: affectsPolicyTests })
    } catch (err) {
      ctx.logs.log({ category: 'system', level: 'warn', component: 'policy-tests', message: `not watching ${ctx.config.project.fluxbaseDir} for policy tests: ${(err as Error).message}` })
    }
  }
  ctx.onStop(async () => {
    await watcher?.close()
    await closeTestDatabase(ctx)
  })
  return watch
}

/** The runtime's watch, started the first time it is asked for (the studio routes do at registration). */
export function policyTestWatch(ctx: ServerContext): PolicyTestWatch {
  let w = watches.get(ctx)
  if (!w) {
    w = createWatch(ctx)
    watches.set(ctx, w)
  }
  return w
}
